namespace ClinicalGAM.Core.Diagnostics.Metrics;

/// <summary>An AUC with its DeLong standard error and a normal-approximation confidence interval (clipped to [0, 1]).</summary>
public readonly record struct AucInterval(double Auc, double StandardError, double Lower, double Upper, double Level);

/// <summary>
/// Discrimination and accuracy of predicted risks for a binary outcome (labels 0/1). Every method takes the labels and
/// predicted probabilities row by row; rows with a NaN prediction are an error, not silently skipped.
/// </summary>
public static class BinaryMetrics
{
    /// <summary>
    /// Area under the ROC curve: the probability that a random case is ranked above a random control, ties counting
    /// one half (Mann-Whitney with mid-ranks). NaN when one class is absent.
    /// </summary>
    public static double RocAuc(ReadOnlySpan<double> labels, ReadOnlySpan<double> p)
    {
        var ranks = MidRanks(labels, p, out int positives);
        int negatives = labels.Length - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        double rankSum = 0;
        for (int i = 0; i < labels.Length; i++) if (labels[i] == 1) rankSum += ranks[i];
        return (rankSum - positives * (positives + 1.0) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>
    /// The AUC with DeLong's (1988) variance from the structural components of the Mann-Whitney statistic, computed
    /// with mid-ranks in O(n log n) (Sun and Xu 2014).
    /// </summary>
    public static AucInterval RocAucConfidenceInterval(ReadOnlySpan<double> labels, ReadOnlySpan<double> p, double level = 0.95)
    {
        if (level is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(level), "The level must be between 0 and 1.");
        var all = MidRanks(labels, p, out int m);
        int n = labels.Length - m;
        if (m == 0 || n == 0) return new AucInterval(double.NaN, double.NaN, double.NaN, double.NaN, level);

        var posScores = new double[m];
        var negScores = new double[n];
        var posIndex = new int[m];
        var negIndex = new int[n];
        for (int i = 0, a = 0, b = 0; i < labels.Length; i++)
        {
            if (labels[i] == 1) { posScores[a] = p[i]; posIndex[a++] = i; }
            else { negScores[b] = p[i]; negIndex[b++] = i; }
        }
        var posRanks = MidRanksOf(posScores);
        var negRanks = MidRanksOf(negScores);

        // V10: for each case, the share of controls it outranks; V01: for each control, the share of cases above it.
        var v10 = new double[m];
        var v01 = new double[n];
        double auc = 0;
        for (int i = 0; i < m; i++)
        {
            v10[i] = (all[posIndex[i]] - posRanks[i]) / n;
            auc += v10[i];
        }
        auc /= m;
        for (int j = 0; j < n; j++) v01[j] = 1.0 - (all[negIndex[j]] - negRanks[j]) / m;

        double variance = SampleVariance(v10) / m + SampleVariance(v01) / n;
        double se = Math.Sqrt(variance);
        double z = NormalQuantile(0.5 + level / 2);
        return new AucInterval(auc, se, Math.Max(0, auc - z * se), Math.Min(1, auc + z * se), level);
    }

    /// <summary>Mean negative log-likelihood; the probability of the observed outcome is floored at eps so a confident miss is finite.</summary>
    public static double LogLoss(ReadOnlySpan<double> labels, ReadOnlySpan<double> p, double eps = 1e-15)
    {
        CheckLengths(labels, p);
        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            // The probability given to what happened, floored at eps.
            double q = labels[i] == 1 ? p[i] : 1 - p[i];
            sum -= Math.Log(Math.Clamp(q, eps, 1));
        }
        return sum / labels.Length;
    }

    /// <summary>Brier score: mean squared difference between predicted risk and outcome.</summary>
    public static double Brier(ReadOnlySpan<double> labels, ReadOnlySpan<double> p)
    {
        CheckLengths(labels, p);
        double sum = 0;
        for (int i = 0; i < labels.Length; i++) sum += (p[i] - labels[i]) * (p[i] - labels[i]);
        return sum / labels.Length;
    }

    /// <summary>Calibration curve (binned observed vs predicted) with calibration slope and intercept.</summary>
    public static CalibrationCurve Calibration(ReadOnlySpan<double> labels, ReadOnlySpan<double> p, int bins = 10) =>
        CalibrationCurve.Compute(labels, p, bins);

    internal static void CheckLengths(ReadOnlySpan<double> labels, ReadOnlySpan<double> p)
    {
        if (labels.Length != p.Length)
            throw new ArgumentException($"{labels.Length} labels but {p.Length} predictions.");
        if (labels.Length == 0) throw new ArgumentException("No rows to evaluate.");
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] is not (0 or 1)) throw new ArgumentException($"Row {i}: label {labels[i]} is not 0 or 1.");
            if (double.IsNaN(p[i])) throw new ArgumentException($"Row {i}: the prediction is NaN.");
        }
    }

    // Mid-ranks (1-based, ties share their average rank) of p over all rows; also counts the positives.
    private static double[] MidRanks(ReadOnlySpan<double> labels, ReadOnlySpan<double> p, out int positives)
    {
        CheckLengths(labels, p);
        positives = 0;
        foreach (var y in labels) if (y == 1) positives++;
        return MidRanksOf(p.ToArray());
    }

    private static double[] MidRanksOf(double[] values)
    {
        var order = new int[values.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        var keys = (double[])values.Clone();
        Array.Sort(keys, order);
        var ranks = new double[values.Length];
        for (int start = 0; start < keys.Length;)
        {
            int end = start + 1;
            while (end < keys.Length && keys[end] == keys[start]) end++;
            double mid = (start + 1 + end) / 2.0;
            for (int k = start; k < end; k++) ranks[order[k]] = mid;
            start = end;
        }
        return ranks;
    }

    private static double SampleVariance(double[] x)
    {
        if (x.Length < 2) return 0;
        double mean = x.Average(), ss = 0;
        foreach (var v in x) ss += (v - mean) * (v - mean);
        return ss / (x.Length - 1);
    }

    /// <summary>Standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9).</summary>
    internal static double NormalQuantile(double q)
    {
        if (q is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(q));
        ReadOnlySpan<double> a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        ReadOnlySpan<double> b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        ReadOnlySpan<double> c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        ReadOnlySpan<double> d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (q < low)
        {
            double t = Math.Sqrt(-2 * Math.Log(q));
            return (((((c[0] * t + c[1]) * t + c[2]) * t + c[3]) * t + c[4]) * t + c[5]) / ((((d[0] * t + d[1]) * t + d[2]) * t + d[3]) * t + 1);
        }
        if (q > 1 - low) return -NormalQuantile(1 - q);
        double u = q - 0.5, r = u * u;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * u /
               (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
