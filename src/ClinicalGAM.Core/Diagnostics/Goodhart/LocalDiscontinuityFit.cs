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
    public static Result? Fit(Objective objective, TermRows rows, int start, int end, double cut, double width,
        double minimumSideEvents = 0, bool robust = false)
    {
        int m = end - start;
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
        for (int i = 0; i < m; i++)
        {
            double d = rows.Value[start + i] - cut;
            if (d < 0) reachLeft = Math.Max(reachLeft, -d); else reachRight = Math.Max(reachRight, d);
        }
        double nLeft = 0, nRight = 0, eventsLeft = 0, eventsRight = 0;
        for (int i = 0; i < m; i++)
        {
            double x = rows.Value[start + i];
            double u = (x - cut) / width;
            bool isRight = x >= cut;
            y[i] = rows.Outcome[start + i];
            offset[i] = rows.Offset[start + i];
            one[i] = 1;
            left[i] = isRight ? 0 : u;
            right[i] = isRight ? u : 0;
            step[i] = isRight ? 1 : 0;
            left2[i] = left[i] * left[i];
            right2[i] = right[i] * right[i];
            // Triangular kernel over each side's reach (robust fit only): rows near the cut count most.
            double kernel = robust ? Math.Max(1 - Math.Abs(x - cut) / (isRight ? reachRight : reachLeft), 0.02) : 1;
            weight[i] = rows.Weight[start + i] * kernel;
            if (isRight) { nRight += weight[i]; eventsRight += weight[i] * y[i]; }
            else { nLeft += weight[i]; eventsLeft += weight[i] * y[i]; }
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
        var (beta, cov) = (fit.Beta, fit.Covariance);
        double trend = (beta[1] + beta[2]) / 2;
        double trendVar = (cov[1, 1] + cov[2, 2] + 2 * cov[1, 2]) / 4;
        double meanOffset = 0, total = 0;
        for (int i = 0; i < m; i++) { meanOffset += weight[i] * offset[i]; total += weight[i]; }
        double baseLink = total > 0 ? meanOffset / total + beta[0] : double.NaN;
        return new Result(beta[jumpColumn], fit.Se(jumpColumn), trend, Math.Sqrt(Math.Max(trendVar, 0)), m, nLeft, nRight, null, baseLink);
    }
}
