namespace ClinicalGAM.Core.Diagnostics.Metrics;

/// <summary>Accuracy of predictions for continuous outcomes (blood loss, length of stay) and counts.</summary>
public static class RegressionMetrics
{
    public static double Rmse(ReadOnlySpan<double> y, ReadOnlySpan<double> prediction)
    {
        Check(y, prediction);
        double ss = 0;
        for (int i = 0; i < y.Length; i++) ss += (y[i] - prediction[i]) * (y[i] - prediction[i]);
        return Math.Sqrt(ss / y.Length);
    }

    public static double Mae(ReadOnlySpan<double> y, ReadOnlySpan<double> prediction)
    {
        Check(y, prediction);
        double s = 0;
        for (int i = 0; i < y.Length; i++) s += Math.Abs(y[i] - prediction[i]);
        return s / y.Length;
    }

    /// <summary>Coefficient of determination, 1 − SSres/SStot (can be negative on held-out data; NaN if y is constant).</summary>
    public static double RSquared(ReadOnlySpan<double> y, ReadOnlySpan<double> prediction)
    {
        Check(y, prediction);
        double mean = 0;
        foreach (var v in y) mean += v;
        mean /= y.Length;
        double res = 0, tot = 0;
        for (int i = 0; i < y.Length; i++)
        {
            res += (y[i] - prediction[i]) * (y[i] - prediction[i]);
            tot += (y[i] - mean) * (y[i] - mean);
        }
        return tot > 0 ? 1 - res / tot : double.NaN;
    }

    /// <summary>Mean Poisson deviance, 2/n · Σ [y·log(y/μ) − (y − μ)], with y·log(y/μ) = 0 when y = 0. Needs μ &gt; 0.</summary>
    public static double PoissonDeviance(ReadOnlySpan<double> y, ReadOnlySpan<double> mean)
    {
        Check(y, mean);
        double d = 0;
        for (int i = 0; i < y.Length; i++)
        {
            if (mean[i] <= 0) throw new ArgumentException($"Row {i}: a Poisson mean must be positive, got {mean[i]}.");
            if (y[i] < 0) throw new ArgumentException($"Row {i}: a count cannot be negative, got {y[i]}.");
            d += (y[i] > 0 ? y[i] * Math.Log(y[i] / mean[i]) : 0) - (y[i] - mean[i]);
        }
        return 2 * d / y.Length;
    }

    private static void Check(ReadOnlySpan<double> y, ReadOnlySpan<double> prediction)
    {
        if (y.Length != prediction.Length) throw new ArgumentException($"{y.Length} outcomes but {prediction.Length} predictions.");
        if (y.Length == 0) throw new ArgumentException("No rows to evaluate.");
    }
}
