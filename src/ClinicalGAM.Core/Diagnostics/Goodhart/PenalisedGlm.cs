using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>
/// The local model behind a flag, fitted so that it cannot lie: Firth's penalised likelihood (Jeffreys prior; for a
/// canonical link the score gains h_i (a_i - mu_i) with h the hat values, a = 1/2 for the logit, mu + 1/2 for the log)
/// keeps every estimate finite under separation, and the fit is checked before anyone reads it: iteration cap,
/// size of the penalised score at the end, finite numbers, a standard error that is not absurd. A fit that fails a
/// check says why (<see cref="Problem"/>), and the caller reports it as "not testable", never as a flag.
/// </summary>
internal static class PenalisedGlm
{
    /// <summary>A checked fit: Problem is null when the numbers can be read as evidence.</summary>
    public sealed record Result(double[] Beta, double[,] Covariance, int Iterations, double GradientNorm, string? Problem)
    {
        /// <summary>Residual scale folded into the covariance (rmse; 1 otherwise).</summary>
        public double Scale { get; init; } = 1;

        public double Se(int c) => Math.Sqrt(Math.Max(Covariance[c, c], 0));
    }

    /// <summary>Most Newton steps before a fit counts as not converged.</summary>
    public const int MaxIterations = 60;

    /// <summary>
    /// Fits coefficients for design columns x[c][i] (i over 0..n-1), offset and row weights. The caller names the
    /// coefficient of interest and the largest standard error and coefficient it will accept as estimable (on its
    /// design's scale).
    /// </summary>
    public static Result Fit(Objective objective, double[] y, double[] offset, double[][] x, double[] weight,
        int interest, double maxInterestSe, double maxCoefficient)
    {
        int p = x.Length, n = y.Length;
        var beta = new double[p];
        var info = new double[p, p];
        var score = new double[p];
        var xi = new double[p];
        var mu = new double[n];
        var w = new double[n];
        double[,]? inverse = null;
        double gradient = double.PositiveInfinity, scale = 1, totalWeight = 0;
        foreach (var v in weight) totalWeight += v;
        bool firth = objective != Objective.Rmse;
        int iteration = 0;
        bool converged = false;
        for (; iteration < MaxIterations; iteration++)
        {
            Array.Clear(info);
            Array.Clear(score);
            double rss = 0;
            for (int i = 0; i < n; i++)
            {
                double eta = offset[i];
                for (int c = 0; c < p; c++) { xi[c] = x[c][i]; eta += beta[c] * xi[c]; }
                (mu[i], w[i]) = MeanAndWeight(objective, eta);
                double rw = weight[i] * w[i];
                rss += weight[i] * (y[i] - mu[i]) * (y[i] - mu[i]);
                for (int a = 0; a < p; a++) for (int b = 0; b <= a; b++) info[a, b] += rw * xi[a] * xi[b];
            }
            for (int a = 0; a < p; a++) for (int b = a + 1; b < p; b++) info[a, b] = info[b, a];
            inverse = OffsetGlm.Invert(info);
            if (inverse is null) return Failed(p, iteration, "the local information matrix is singular (a side has no spread)");
            scale = objective == Objective.Rmse ? rss / Math.Max(totalWeight - p, 1) : 1;
            for (int i = 0; i < n; i++)
            {
                for (int c = 0; c < p; c++) xi[c] = x[c][i];
                double adjustment = 0;
                if (firth)
                {
                    double q = 0;
                    for (int a = 0; a < p; a++) for (int b = 0; b < p; b++) q += xi[a] * inverse[a, b] * xi[b];
                    double h = weight[i] * w[i] * q;
                    adjustment = h * (objective == Objective.LogLoss ? 0.5 - mu[i] : 0.5);
                }
                double r = weight[i] * (y[i] - mu[i]) + adjustment;
                for (int a = 0; a < p; a++) score[a] += xi[a] * r;
            }
            gradient = 0;
            for (int a = 0; a < p; a++) gradient = Math.Max(gradient, Math.Abs(score[a]));
            double step = 0;
            var delta = new double[p];
            for (int a = 0; a < p; a++)
            {
                for (int b = 0; b < p; b++) delta[a] += inverse[a, b] * score[b];
                step = Math.Max(step, Math.Abs(delta[a]));
            }
            if (!double.IsFinite(step)) return Failed(p, iteration, "the local fit produced a non-finite step");
            // Under near-separation a full Newton step overshoots; a capped step keeps the path on the penalised ridge.
            double shrink = step > 2 ? 2 / step : 1;
            for (int a = 0; a < p; a++) beta[a] += shrink * delta[a];
            if (step < 1e-8 || (step < 1e-6 && gradient < 1e-6 * Math.Max(totalWeight, 1))) { converged = true; iteration++; break; }
        }
        var covariance = new double[p, p];
        for (int a = 0; a < p; a++) for (int b = 0; b < p; b++) covariance[a, b] = inverse![a, b] * scale;
        var result = new Result(beta, covariance, iteration, gradient, null) { Scale = scale };
        bool large = beta.Skip(1).Any(b => !(Math.Abs(b) <= maxCoefficient));
        string? problem = !converged && large ? "near-separation: the outcome is almost fully determined by the value in this window (the local fit did not converge)"
            : !converged ? $"the local fit did not converge in {MaxIterations} iterations"
            : beta.Any(b => !double.IsFinite(b)) || !double.IsFinite(result.Se(interest)) ? "the local fit gave non-finite numbers"
            : result.Se(interest) > maxInterestSe ? $"the effect is not estimable here (standard error {result.Se(interest):0.0} on the link scale)"
            : large ? "near-separation: the outcome is almost fully determined by the value in this window"
            : null;
        return result with { Problem = problem };
    }

    private static Result Failed(int p, int iterations, string problem) =>
        new(new double[p], new double[p, p], iterations, double.NaN, problem);

    /// <summary>Mean and GLM working weight (variance function) at a linear predictor, for the model's link.</summary>
    internal static (double Mu, double Weight) MeanAndWeight(Objective objective, double eta)
    {
        switch (objective)
        {
            case Objective.LogLoss:
                double mu = 1 / (1 + Math.Exp(-Math.Clamp(eta, -35, 35)));
                return (mu, Math.Max(mu * (1 - mu), 1e-12));
            case Objective.Poisson:
                double m = Math.Exp(Math.Min(eta, 30));
                return (m, Math.Max(m, 1e-12));
            default:
                return (eta, 1);
        }
    }
}
