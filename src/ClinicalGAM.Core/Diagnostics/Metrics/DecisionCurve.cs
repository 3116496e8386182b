namespace ClinicalGAM.Core.Diagnostics.Metrics;

/// <summary>Net benefit at one threshold probability for the model and for the two default policies.</summary>
public readonly record struct DecisionCurvePoint(double Threshold, double NetBenefit, double TreatAll, double TreatNone);

/// <summary>
/// Decision-curve analysis (Vickers and Elkin 2006): treating patients whose predicted risk is at or above a threshold
/// t, net benefit = TP/n − FP/n · t/(1 − t), i.e. true positives counted net of false positives weighted by the odds
/// a clinician accepts at that threshold. Treat-all uses every patient; treat-none is 0.
/// </summary>
public static class DecisionCurve
{
    public static IReadOnlyList<DecisionCurvePoint> Compute(ReadOnlySpan<double> labels, ReadOnlySpan<double> p,
        IReadOnlyList<double> thresholds)
    {
        BinaryMetrics.CheckLengths(labels, p);
        int n = labels.Length;
        double prevalence = 0;
        foreach (var y in labels) prevalence += y;
        prevalence /= n;

        var points = new DecisionCurvePoint[thresholds.Count];
        for (int k = 0; k < thresholds.Count; k++)
        {
            double t = thresholds[k];
            if (t is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(thresholds), $"Threshold {t} is not in (0, 1).");
            double odds = t / (1 - t);
            int tp = 0, fp = 0;
            for (int i = 0; i < n; i++)
            {
                if (p[i] < t) continue;
                if (labels[i] == 1) tp++; else fp++;
            }
            points[k] = new DecisionCurvePoint(t, (double)tp / n - (double)fp / n * odds,
                prevalence - (1 - prevalence) * odds, 0);
        }
        return points;
    }

    /// <summary>Thresholds from 1% to 99% in steps of 1% (or the given step).</summary>
    public static IReadOnlyList<double> DefaultThresholds(double step = 0.01)
    {
        var list = new List<double>();
        for (int i = 1; i * step < 1 - 1e-9; i++) list.Add(Math.Round(i * step, 10));
        return list;
    }
}
