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
