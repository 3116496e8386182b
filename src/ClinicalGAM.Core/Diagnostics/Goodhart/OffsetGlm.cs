using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>
/// A small GLM with a fixed offset (the rest of the GAM), fitted by Newton/IRLS: used to ask the data directly how a
/// term's effect differs between periods or strata while every other term stays as the model has it.
/// </summary>
internal static class OffsetGlm
{
    /// <summary>
    /// Fits coefficients for design columns x[c][row] over the given rows; returns coefficients and their
    /// covariance (inverse Fisher information), or null when the information matrix is singular. Row weights (the
    /// model's weight column, as the engine used them) scale each row's score and information; null means 1.
    /// </summary>
    public static (double[] Beta, double[,] Covariance)? Fit(Objective objective, double[] y, double[] offset,
        double[][] x, int[] rows, double[] start, double[]? weight = null, int maxIterations = 25)
    {
        int p = x.Length;
        var beta = (double[])start.Clone();
        var info = new double[p, p];
        var score = new double[p];
        var xi = new double[p];
        double[,]? inverse = null;
        double gaussianScale = 1;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            Array.Clear(info);
            Array.Clear(score);
            double rss = 0, totalWeight = 0;
            foreach (int i in rows)
            {
                double eta = offset[i];
                for (int c = 0; c < p; c++) { xi[c] = x[c][i]; eta += beta[c] * xi[c]; }
                var (mu, w) = MeanAndWeight(objective, eta);
                double rowWeight = weight is null ? 1 : weight[i];
                double r = y[i] - mu;
                rss += rowWeight * r * r;
                totalWeight += rowWeight;
                for (int a = 0; a < p; a++)
                {
                    score[a] += rowWeight * xi[a] * r;
                    for (int b = 0; b <= a; b++) info[a, b] += rowWeight * w * xi[a] * xi[b];
                }
            }
            for (int a = 0; a < p; a++) for (int b = a + 1; b < p; b++) info[a, b] = info[b, a];
            inverse = Invert(info);
            if (inverse is null) return null;
            double step = 0;
            for (int a = 0; a < p; a++)
            {
                double d = 0;
                for (int b = 0; b < p; b++) d += inverse[a, b] * score[b];
                beta[a] += d;
                step = Math.Max(step, Math.Abs(d));
            }
            gaussianScale = rss / Math.Max(totalWeight - p, 1);
            if (step < 1e-7) break;
        }
        if (objective == Objective.Rmse && inverse is not null)
            for (int a = 0; a < p; a++) for (int b = 0; b < p; b++) inverse[a, b] *= gaussianScale;
        return (beta, inverse!);
    }

    private static (double Mu, double Weight) MeanAndWeight(Objective objective, double eta) => objective switch
    {
        Objective.LogLoss => Logistic(eta),
        Objective.Poisson => (Math.Exp(Math.Min(eta, 30)), Math.Exp(Math.Min(eta, 30))),
        _ => (eta, 1),
    };

    private static (double, double) Logistic(double eta)
    {
        double mu = 1 / (1 + Math.Exp(-eta));
        return (mu, Math.Max(mu * (1 - mu), 1e-12));
    }

    /// <summary>Gauss-Jordan inverse of a small symmetric positive-definite matrix; null when singular.</summary>
    public static double[,]? Invert(double[,] a)
    {
        int n = a.GetLength(0);
        var m = new double[n, 2 * n];
        double norm = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++) { m[i, j] = a[i, j]; norm = Math.Max(norm, Math.Abs(a[i, j])); }
            m[i, n + i] = 1;
        }
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++) if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col])) pivot = r;
            if (Math.Abs(m[pivot, col]) <= 1e-12 * Math.Max(norm, 1e-300)) return null;
            if (pivot != col) for (int j = 0; j < 2 * n; j++) (m[col, j], m[pivot, j]) = (m[pivot, j], m[col, j]);
            double d = m[col, col];
            for (int j = 0; j < 2 * n; j++) m[col, j] /= d;
            for (int r = 0; r < n; r++)
            {
                if (r == col || m[r, col] == 0) continue;
                double f = m[r, col];
                for (int j = 0; j < 2 * n; j++) m[r, j] -= f * m[col, j];
            }
        }
        var inv = new double[n, n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) inv[i, j] = m[i, n + j];
        return inv;
    }

    /// <summary>
    /// The outcome as numbers (0/1 for a binary outcome; a two-level text column maps its "positive-looking" or
    /// second level to 1). NaN where missing.
    /// </summary>
    public static double[] Outcome(CohortTable data, string outcome)
    {
        var column = data.Find(outcome) ?? throw new ArgumentException($"The data have no outcome column '{outcome}'.");
        switch (column)
        {
            case NumericColumn n: return n.Values.ToArray();
            case CategoricalColumn c when c.Levels.Count <= 2:
                string[] positive = ["1", "true", "yes", "y", "t"];
                int one = c.Levels.Count == 1 ? (positive.Contains(c.Levels[0].ToLowerInvariant()) ? 0 : -1)
                    : positive.Contains(c.Levels[0].ToLowerInvariant()) ? 0 : 1;
                var y = new double[c.Length];
                for (int i = 0; i < y.Length; i++) y[i] = c[i] < 0 ? double.NaN : c[i] == one ? 1 : 0;
                return y;
            default:
                throw new ArgumentException($"Outcome column '{outcome}' is neither numeric nor two-level.");
        }
    }

    /// <summary>
    /// Row weights from the model's weight column (all 1 when it has none); a missing or negative weight counts 0,
    /// as the row then carries no information.
    /// </summary>
    public static double[] Weights(CohortTable data, string? column)
    {
        if (column is null) { var ones = new double[data.RowCount]; Array.Fill(ones, 1.0); return ones; }
        var w = Numbers(data, column);
        for (int i = 0; i < w.Length; i++) if (!(w[i] > 0) || double.IsInfinity(w[i])) w[i] = 0;
        return w;
    }

    /// <summary>A numeric column's values (dates as fractional years); text levels parsed as numbers.</summary>
    public static double[] Numbers(CohortTable data, string name)
    {
        var column = data.Find(name) ?? throw new ArgumentException($"The data have no column '{name}'.");
        if (column is NumericColumn n) return n.Values.ToArray();
        return ((NumericColumn)column.WithKind(ColumnKind.Numeric)).Values.ToArray();
    }
}
