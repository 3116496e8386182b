namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>
/// Weighted least squares on value-group x period cells: level[g, p] = shape[g] + period[p] (+ h indicator), cell
/// weights 1 / variance. Used by <see cref="RangeDriftDetector"/>; the first period is the reference level.
/// </summary>
internal sealed class CellDesign(List<(int G, int P)> cells, int groups, int periods, double[,] variance)
{
    /// <summary>Parameters of the null model (shapes and period levels).</summary>
    public int Parameters => groups + periods - 1;

    public double Shape(double[] beta, int g) => beta[g];

    public double Period(double[] beta, int p) => p == 0 ? 0 : beta[groups + p - 1];

    public double Predict(double[] beta, int cell, double[]? indicator)
    {
        var (g, p) = cells[cell];
        return Shape(beta, g) + Period(beta, p) + (indicator is null ? 0 : beta[^1] * indicator[cell]);
    }

    private double[] Row(int cell, double[]? indicator)
    {
        var (g, p) = cells[cell];
        var row = new double[Parameters + (indicator is null ? 0 : 1)];
        row[g] = 1;
        if (p > 0) row[groups + p - 1] = 1;
        if (indicator is not null) row[^1] = indicator[cell];
        return row;
    }

    /// <summary>Coefficients and (X'WX)^-1, or null when the design is singular.</summary>
    public (double[] Beta, double[,] Inverse)? Solve(double[]? indicator, double[]? levels = null)
    {
        var inverse = Inverse(indicator);
        if (inverse is null) return null;
        if (levels is null) return (new double[inverse.GetLength(0)], inverse);
        int k = inverse.GetLength(0);
        var xtwy = new double[k];
        for (int c = 0; c < cells.Count; c++)
        {
            var row = Row(c, indicator);
            double w = 1 / variance[cells[c].G, cells[c].P];
            for (int a = 0; a < k; a++) xtwy[a] += row[a] * w * levels[c];
        }
        var beta = new double[k];
        for (int a = 0; a < k; a++) for (int b = 0; b < k; b++) beta[a] += inverse[a, b] * xtwy[b];
        return (beta, inverse);
    }

    /// <summary>The weights c with h = sum c[cell] level[cell] (the last coefficient of the model with the indicator).</summary>
    public double[]? Contrast(double[] indicator)
    {
        var inverse = Inverse(indicator);
        if (inverse is null) return null;
        int k = inverse.GetLength(0);
        var contrast = new double[cells.Count];
        for (int c = 0; c < cells.Count; c++)
        {
            var row = Row(c, indicator);
            double w = 1 / variance[cells[c].G, cells[c].P], v = 0;
            for (int b = 0; b < k; b++) v += inverse[k - 1, b] * row[b];
            contrast[c] = v * w;
        }
        return contrast;
    }

    private double[,]? Inverse(double[]? indicator)
    {
        int k = Parameters + (indicator is null ? 0 : 1);
        var xtwx = new double[k, k];
        for (int c = 0; c < cells.Count; c++)
        {
            var row = Row(c, indicator);
            double w = 1 / variance[cells[c].G, cells[c].P];
            for (int a = 0; a < k; a++)
            {
                if (row[a] == 0) continue;
                for (int b = 0; b < k; b++) xtwx[a, b] += row[a] * w * row[b];
            }
        }
        return OffsetGlm.Invert(xtwx);
    }
}
