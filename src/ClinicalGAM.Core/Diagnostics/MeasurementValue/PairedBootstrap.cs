using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Metrics;

namespace ClinicalGAM.Core.Diagnostics.MeasurementValue;

/// <summary>A difference with its 95% percentile interval from a paired bootstrap of the test rows.</summary>
public sealed record Difference(double Estimate, double Lower, double Upper);

/// <summary>
/// Paired bootstrap of the test rows: both predictions are scored on the same resampled rows, so the interval is for
/// the difference itself (much narrower than comparing two separate intervals). Seeded.
/// </summary>
public static class PairedBootstrap
{
    public const int DefaultReplicates = 200;

    public static (Difference Auc, Difference LogLoss) Compare(double[] labels, double[] reference, double[] candidate,
        int seed, int replicates = DefaultReplicates)
    {
        double auc = Auc(labels, candidate) - Auc(labels, reference);
        double ll = BinaryMetrics.LogLoss(labels, candidate) - BinaryMetrics.LogLoss(labels, reference);
        var dAuc = new List<double>(replicates);
        var dLl = new double[replicates];
        var rng = new SeededRandom(seed, 77);
        int n = labels.Length;
        var y = new double[n]; var a = new double[n]; var b = new double[n];
        for (int r = 0; r < replicates; r++)
        {
            for (int i = 0; i < n; i++) { int k = rng.NextInt(n); y[i] = labels[k]; a[i] = reference[k]; b[i] = candidate[k]; }
            double d = Auc(y, b) - Auc(y, a);
            if (double.IsFinite(d)) dAuc.Add(d);
            dLl[r] = BinaryMetrics.LogLoss(y, b) - BinaryMetrics.LogLoss(y, a);
        }
        return (Interval(auc, dAuc), Interval(ll, dLl));
    }

    internal static double Auc(double[] labels, double[] p)
    {
        double v = BinaryMetrics.RocAuc(labels, p);
        return double.IsFinite(v) ? v : 0.5;
    }

    internal static Difference Interval(double estimate, IReadOnlyCollection<double> draws)
    {
        if (draws.Count == 0) return new Difference(estimate, estimate, estimate);
        var sorted = draws.Order().ToArray();
        return new Difference(estimate, Quantile(sorted, 0.025), Quantile(sorted, 0.975));
    }

    internal static double Quantile(double[] sorted, double q)
    {
        double pos = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos), hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
