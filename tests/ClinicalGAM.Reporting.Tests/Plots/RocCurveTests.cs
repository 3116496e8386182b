using ClinicalGAM.Core.Diagnostics.Metrics;
using ClinicalGAM.Reporting.Plots;

namespace ClinicalGAM.Reporting.Tests.Plots;

public class RocCurveTests
{
    [Fact]
    public void Steps_through_each_distinct_risk_and_tied_risks_move_together()
    {
        double[] y = [1, 0, 1, 0];
        double[] p = [0.9, 0.5, 0.5, 0.1];
        var roc = RocCurve.Compute(y, p);
        Assert.Equal([0, 0, 0.5, 1], roc.FalsePositiveRate);
        Assert.Equal([0, 0.5, 1, 1], roc.TruePositiveRate);
    }

    [Fact]
    public void Area_under_the_curve_equals_the_auc()
    {
        var random = new Random(3);
        var y = Enumerable.Range(0, 300).Select(_ => random.NextDouble() < 0.3 ? 1.0 : 0).ToArray();
        var p = y.Select(v => Math.Round(0.3 * v + random.NextDouble(), 1)).ToArray();
        var roc = RocCurve.Compute(y, p);
        double area = 0;
        for (int i = 1; i < roc.FalsePositiveRate.Length; i++)
            area += (roc.FalsePositiveRate[i] - roc.FalsePositiveRate[i - 1]) * (roc.TruePositiveRate[i] + roc.TruePositiveRate[i - 1]) / 2;
        Assert.Equal(BinaryMetrics.RocAuc(y, p), area, 10);
    }
}

public class RocThinningTests
{
    [Fact]
    public void A_large_curve_is_thinned_but_keeps_its_ends_and_area()
    {
        var random = new Random(8);
        var y = Enumerable.Range(0, 50_000).Select(_ => random.NextDouble() < 0.1 ? 1.0 : 0).ToArray();
        var p = y.Select(v => 0.5 * v + random.NextDouble()).ToArray();
        var roc = RocCurve.Compute(y, p);
        var (fpr, tpr) = PerformancePlots.Thin(roc);
        Assert.True(fpr.Length < 3000 && fpr.Length < roc.FalsePositiveRate.Length / 10, $"{fpr.Length} points kept");
        Assert.Equal((0.0, 0.0), (fpr[0], tpr[0]));
        Assert.Equal((1.0, 1.0), (fpr[^1], tpr[^1]));
        double area = 0;
        for (int i = 1; i < fpr.Length; i++) area += (fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]) / 2;
        Assert.Equal(BinaryMetrics.RocAuc(y, p), area, 3);
    }
}
