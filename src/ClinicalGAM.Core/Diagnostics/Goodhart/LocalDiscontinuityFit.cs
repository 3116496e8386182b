using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>
/// A regression-discontinuity test on the data: within a window around a cut, with every other term of the model as
/// offset, fit  link(mean) = offset + a + slopeLeft (x - c) [x &lt; c] + slopeRight (x - c) [x &gt;= c] + jump [x &gt;= c].
/// Separate slopes keep a curved or hinged effect from posing as a jump; the standard error of the jump comes from
/// the Fisher information (sampling error), not from the shape function's staircase. The fit is Firth-penalised and
/// checked (<see cref="PenalisedGlm"/>): under separation or a failed fit the result carries the reason
/// (<see cref="Result.Problem"/>) and no evidence (p = 1), so it can be listed as "not testable" and never flagged.
/// </summary>
internal static class LocalDiscontinuityFit
{
    public readonly record struct Result(double Jump, double JumpSe, double Trend, double TrendSe, int Rows, double Left, double Right,
        string? Problem = null, double BaseLink = double.NaN)
    {
        /// <summary>Mean outcome just below the cut (the window's average offset plus the fitted left limit), on the response scale.</summary>
        public double Change(Objective objective, double jump) =>
            double.IsFinite(BaseLink) ? Inverse(objective, BaseLink + jump) - Inverse(objective, BaseLink) : double.NaN;
    }

    /// <summary>Largest standard error of a jump (link scale) that is still read as an estimate: a 95% CI wider than
    /// about +-5 log-odds says the window cannot tell.</summary>
    public const double MaxJumpSe = 2.5;

    /// <summary>Largest local coefficient (over a window scaled to unit width) before the fit counts as near-separated.</summary>
    public const double MaxCoefficient = 15;

    public static double Inverse(Objective objective, double eta) => objective switch
    {
        Objective.LogLoss => 1 / (1 + Math.Exp(-eta)),
        Objective.Poisson => Math.Exp(Math.Min(eta, 30)),
        _ => eta,
    };

    /// <param name="minimumSideEvents">Fewest (weighted) events on each side, and non-events for a binary outcome; below
    /// it the Wald standard error is not trustworthy, and the result says "no evidence" (jump 0, infinite standard
    /// error). Rmse outcomes have no events and skip this.</param>
    /// <param name="robust">Bias-corrected robust version (in the spirit of rdrobust, Calonico, Cattaneo and Titiunik
    /// 2014): a local quadratic on each side with a triangular kernel. With the pilot bandwidth equal to the main one
    /// the bias-corrected local-linear estimate is the local-quadratic estimate and the robust standard error is
    /// its own, so this fit gives the robust CI; curvature that a local line would turn into a jump is absorbed.</param>
    /// <param name="bandwidth">When given, the data-driven bandwidths below and above the cut (<see cref="RdBandwidth"/>):
    /// rows within h of the cut, weighted by the triangular kernel 1 - |x - c| / h, on the scale u = (x - c) / h (h of
    /// the row's side); the event floor counts rows without the kernel. When null, every row of [start, end) counts
    /// equally on the scale (x - c) / width.</param>
    public static Result? Fit(Objective objective, TermRows rows, int start, int end, double cut, double width,
        double minimumSideEvents = 0, bool robust = false, (double Below, double Above)? bandwidth = null)
    {
        bool kernelled = bandwidth is { Below: > 0, Above: > 0 };
        double Side(double x) => x >= cut ? bandwidth!.Value.Above : bandwidth!.Value.Below;
        var index = new List<int>(end - start);
        for (int i = start; i < end; i++)
            if (!kernelled || Math.Abs(rows.Value[i] - cut) < Side(rows.Value[i])) index.Add(i);
        int m = index.Count;
        if (m < 8) return null;
        var y = new double[m];
        var offset = new double[m];
        var one = new double[m];
        var left = new double[m];
        var right = new double[m];
        var step = new double[m];
        var weight = new double[m];
        var left2 = new double[m];
        var right2 = new double[m];
        double reachLeft = 1e-12, reachRight = 1e-12;
        foreach (int i in index)
        {
            double d = rows.Value[i] - cut;
            if (d < 0) reachLeft = Math.Max(reachLeft, -d); else reachRight = Math.Max(reachRight, d);
        }

        double nLeft = 0, nRight = 0, eventsLeft = 0, eventsRight = 0;
        for (int k = 0; k < m; k++)
        {
            int r = index[k];
            double x = rows.Value[r];
            double u = (x - cut) / (kernelled ? Side(x) : width);
            bool isRight = x >= cut;
            y[k] = rows.Outcome[r];
            offset[k] = rows.Offset[r];
            one[k] = 1;
            left[k] = isRight ? 0 : u;
            right[k] = isRight ? u : 0;
            step[k] = isRight ? 1 : 0;
            left2[k] = left[k] * left[k];
            right2[k] = right[k] * right[k];
            // Triangular kernel: over the bandwidth, or (robust fit without one) over each side's reach; rows near the cut count most.
            double kernel = kernelled ? RdBandwidth.Kernel((x - cut) / Side(x))
                : robust ? Math.Max(1 - Math.Abs(x - cut) / (isRight ? reachRight : reachLeft), 0.02) : 1;
            weight[k] = rows.Weight[r] * kernel;
            double count = kernelled ? rows.Weight[r] : weight[k];
            if (isRight) { nRight += count; eventsRight += count * y[k]; }
            else { nLeft += count; eventsLeft += count * y[k]; }
        }
        if (!(nLeft > 0 && nRight > 0)) return null;
        // Too few events for a Wald test: the edge still counts as a hypothesis (p = 1, an infinite standard error), so
        // leaving it untested does not loosen the false-discovery control for the other edges.
        bool fewEvents = (objective != Objective.Rmse && Math.Min(eventsLeft, eventsRight) < minimumSideEvents)
            || (objective == Objective.LogLoss && Math.Min(nLeft - eventsLeft, nRight - eventsRight) < minimumSideEvents);
        if (fewEvents) return new Result(0, double.PositiveInfinity, 0, double.PositiveInfinity, m, nLeft, nRight);
        bool linkBounds = objective != Objective.Rmse;
        double[][] design = robust ? [one, left, right, left2, right2, step] : [one, left, right, step];
        int jumpColumn = design.Length - 1;
        var fit = PenalisedGlm.Fit(objective, y, offset, design, weight, interest: jumpColumn,
            maxInterestSe: linkBounds ? MaxJumpSe : double.PositiveInfinity,
            // The quadratic's curvature terms on a unit-width window are larger than a line's slopes by nature.
            maxCoefficient: linkBounds ? (robust ? 4 * MaxCoefficient : MaxCoefficient) : double.PositiveInfinity);
        if (fit.Problem is not null)
            return new Result(0, double.PositiveInfinity, 0, double.PositiveInfinity, m, nLeft, nRight, fit.Problem);
        var (beta, cov) = (fit.Beta, kernelled ? KernelSandwich(objective, fit, design, offset, weight, rows, index) : fit.Covariance);
        double trend = (beta[1] + beta[2]) / 2;
        double trendVar = (cov[1, 1] + cov[2, 2] + 2 * cov[1, 2]) / 4;
        double meanOffset = 0, total = 0;
        for (int i = 0; i < m; i++) { meanOffset += weight[i] * offset[i]; total += weight[i]; }
        double baseLink = total > 0 ? meanOffset / total + beta[0] : double.NaN;
        return new Result(beta[jumpColumn], Math.Sqrt(Math.Max(cov[jumpColumn, jumpColumn], 0)), trend, Math.Sqrt(Math.Max(trendVar, 0)), m, nLeft, nRight, null, baseLink);
    }

    /// <summary>
    /// Covariance of a kernel-weighted fit: the information treats the kernel as frequency weights, which overstates the
    /// variance (by about 1.5 for the triangular kernel); the sandwich I^-1 (sum K^2 rw var(mu) x x') I^-1 counts each
    /// row once, as rdrobust's variance does (model-based meat: the GLM's own variance at the fitted mean).
    /// </summary>
    private static double[,] KernelSandwich(Objective objective, PenalisedGlm.Result fit, double[][] design, double[] offset,
        double[] weight, TermRows rows, List<int> index)
    {
        int p = design.Length, m = offset.Length;
        var meat = new double[p, p];
        for (int i = 0; i < m; i++)
        {
            double eta = offset[i];
            for (int c = 0; c < p; c++) eta += fit.Beta[c] * design[c][i];
            var (_, w) = PenalisedGlm.MeanAndWeight(objective, eta);
            double rw = rows.Weight[index[i]];
            double kernel = rw > 0 ? weight[i] / rw : 0;
            double a = kernel * weight[i] * w;
            for (int r = 0; r < p; r++) for (int c = 0; c < p; c++) meat[r, c] += a * design[r][i] * design[c][i];
        }
        // fit.Covariance is scale x I^-1 (scale 1 except for rmse), so C M C / scale = scale I^-1 M I^-1.
        double scale = objective == Objective.Rmse ? Math.Max(fit.Scale, 1e-300) : 1;
        var result = new double[p, p];
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++)
            {
                double v = 0;
                for (int r = 0; r < p; r++) for (int c = 0; c < p; c++) v += fit.Covariance[a, r] * meat[r, c] * fit.Covariance[c, b];
                result[a, b] = v / scale;
            }
        return result;
    }
}
