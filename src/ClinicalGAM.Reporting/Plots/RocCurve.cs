namespace ClinicalGAM.Reporting.Plots;

/// <summary>The empirical ROC curve: one point per distinct predicted risk, from (0, 0) to (1, 1).</summary>
public sealed record RocCurve(double[] FalsePositiveRate, double[] TruePositiveRate)
{
    public static RocCurve Compute(ReadOnlySpan<double> labels, ReadOnlySpan<double> risk)
    {
        var order = new int[labels.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        var keys = risk.ToArray();
        Array.Sort(keys, order);
        Array.Reverse(keys);
        Array.Reverse(order);
        double positives = 0;
        foreach (var y in labels) positives += y;
        double negatives = labels.Length - positives;
        var fpr = new List<double> { 0 };
        var tpr = new List<double> { 0 };
        double tp = 0, fp = 0;
        for (int k = 0; k < order.Length; k++)
        {
            if (labels[order[k]] == 1) tp++; else fp++;
            // Tied risks move together: one diagonal step, as the AUC's mid-rank treatment assumes.
            if (k + 1 < keys.Length && keys[k + 1] == keys[k]) continue;
            fpr.Add(negatives > 0 ? fp / negatives : 0);
            tpr.Add(positives > 0 ? tp / positives : 0);
        }
        return new RocCurve(fpr.ToArray(), tpr.ToArray());
    }
}
