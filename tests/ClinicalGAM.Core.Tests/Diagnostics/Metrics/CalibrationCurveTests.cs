using ClinicalGAM.Core.Diagnostics.Metrics;

namespace ClinicalGAM.Core.Tests.Diagnostics.Metrics;

public class CalibrationCurveTests
{
    // Four patients predicted sigmoid(-1) of whom 1 had the outcome; four predicted sigmoid(1) of whom 2 did.
    private static readonly double S = 1 / (1 + Math.Exp(1)); // sigmoid(-1)
    private static readonly double[] Risks = [S, S, S, S, 1 - S, 1 - S, 1 - S, 1 - S];
    private static readonly double[] Labels = [1, 0, 0, 0, 1, 1, 0, 0];

    [Fact]
    public void BinsGroupByPredictedRisk()
    {
        var curve = CalibrationCurve.Compute(Labels, Risks, bins: 2);
        Assert.Equal(2, curve.Bins.Count);
        Assert.Equal(S, curve.Bins[0].MeanPredicted, 12);
        Assert.Equal(0.25, curve.Bins[0].Observed, 12);
        Assert.Equal(1 - S, curve.Bins[1].MeanPredicted, 12);
        Assert.Equal(0.5, curve.Bins[1].Observed, 12);
        Assert.Equal(4, curve.Bins[1].Count);
    }

    [Fact]
    public void SlopeFitsTheTwoObservedLogits()
    {
        // With two distinct predictions the recalibration line passes through both observed log-odds:
        // a - b = logit(1/4) = -ln 3 and a + b = logit(1/2) = 0, so b = ln(3)/2.
        var curve = CalibrationCurve.Compute(Labels, Risks, bins: 2);
        Assert.Equal(Math.Log(3) / 2, curve.Slope, 9);
    }

    [Fact]
    public void InterceptIsCalibrationInTheLarge()
    {
        // With the slope fixed at 1, a solves sigmoid(a - 1) + sigmoid(a + 1) = 3/4 (3 events in 8 over two groups of 4).
        var curve = CalibrationCurve.Compute(Labels, Risks, bins: 2);
        Assert.Equal(-0.6439823246546024, curve.Intercept, 9);
    }

    [Fact]
    public void WellCalibratedPredictionsGiveSlopeOneInterceptZero()
    {
        // Each risk level's observed rate equals its prediction exactly: 1 of 10 at 0.1, 5 of 10 at 0.5, 9 of 10 at 0.9.
        var p = new List<double>();
        var y = new List<double>();
        foreach (var (risk, events) in new[] { (0.1, 1), (0.5, 5), (0.9, 9) })
            for (int i = 0; i < 10; i++) { p.Add(risk); y.Add(i < events ? 1 : 0); }
        var curve = CalibrationCurve.Compute(y.ToArray(), p.ToArray(), bins: 3);
        Assert.Equal(1.0, curve.Slope, 9);
        Assert.Equal(0.0, curve.Intercept, 9);
        Assert.All(curve.Bins, b => Assert.Equal(b.MeanPredicted, b.Observed, 12));
    }
}
