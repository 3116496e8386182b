using ClinicalGAM.Core.Diagnostics.Metrics;

namespace ClinicalGAM.Core.Tests.Diagnostics.Metrics;

public class DecisionCurveTests
{
    private static readonly double[] Labels = [1, 0, 1, 0, 0];
    private static readonly double[] Risks = [0.9, 0.6, 0.3, 0.2, 0.1];

    [Fact]
    public void NetBenefitAtQuarterThreshold()
    {
        // Treat p >= 0.25: 2 true and 1 false positive of 5; odds 1/3. Treat-all: 0.4 - 0.6/3.
        var point = DecisionCurve.Compute(Labels, Risks, [0.25])[0];
        Assert.Equal(0.4 - 0.2 / 3, point.NetBenefit, 12);
        Assert.Equal(0.2, point.TreatAll, 12);
        Assert.Equal(0, point.TreatNone);
    }

    [Fact]
    public void NetBenefitAtHalfThreshold()
    {
        // Treat p >= 0.5: 1 true and 1 false positive; odds 1. Treat-all: 0.4 - 0.6.
        var point = DecisionCurve.Compute(Labels, Risks, [0.5])[0];
        Assert.Equal(0, point.NetBenefit, 12);
        Assert.Equal(-0.2, point.TreatAll, 12);
    }

    [Fact]
    public void DefaultThresholdsSpanOneToNinetyNinePercent()
    {
        var t = DecisionCurve.DefaultThresholds();
        Assert.Equal(99, t.Count);
        Assert.Equal(0.01, t[0]);
        Assert.Equal(0.99, t[^1]);
    }

    [Fact]
    public void ThresholdOutsideUnitIntervalIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DecisionCurve.Compute(Labels, Risks, [1.0]));
}
