using ClinicalGAM.Core.Diagnostics.Metrics;
using CsCheck;

namespace ClinicalGAM.Core.Tests.Diagnostics.Metrics;

public class BinaryMetricsTests
{
    // Cases 0.9, 0.4, 0.7; controls 0.4, 0.2, 0.8. Pairs won: 3 + (0.5 + 1) + 2 = 6.5 of 9.
    private static readonly double[] Labels = [1, 1, 0, 0, 1, 0];
    private static readonly double[] Risks = [0.9, 0.4, 0.4, 0.2, 0.7, 0.8];

    [Fact]
    public void AucCountsTiesAsHalf() => Assert.Equal(6.5 / 9, BinaryMetrics.RocAuc(Labels, Risks), 12);

    [Fact]
    public void AucEqualsPairwiseCountOnRandomData()
    {
        Gen.Select(Gen.Int[0, 1].Array[2, 40], Gen.Int[0, 5].Array[40]).Sample((y, score) =>
        {
            var labels = y.Select(v => (double)v).ToArray();
            var p = score.Take(labels.Length).Select(v => v / 5.0).ToArray(); // coarse scores: many ties
            double won = 0, pairs = 0;
            for (int i = 0; i < labels.Length; i++)
            for (int j = 0; j < labels.Length; j++)
            {
                if (labels[i] != 1 || labels[j] != 0) continue;
                pairs++;
                won += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
            }
            double auc = BinaryMetrics.RocAuc(labels, p);
            if (pairs == 0) Assert.True(double.IsNaN(auc));
            else Assert.Equal(won / pairs, auc, 12);
        });
    }

    [Fact]
    public void DeLongStandardErrorMatchesHandComputation()
    {
        // V10 = (1, 1/2, 2/3): variance 7/108; V01 = (5/6, 1, 1/3): variance 13/108; var = (7/108 + 13/108)/3 = 5/81.
        var ci = BinaryMetrics.RocAucConfidenceInterval(Labels, Risks);
        Assert.Equal(6.5 / 9, ci.Auc, 12);
        Assert.Equal(Math.Sqrt(5.0) / 9, ci.StandardError, 12);
        Assert.Equal(6.5 / 9 - 1.959963985 * Math.Sqrt(5.0) / 9, ci.Lower, 7);
        Assert.Equal(1.0, ci.Upper); // clipped
    }

    [Fact]
    public void NormalQuantileIsAccurate()
    {
        // Acklam's approximation: relative error below 1.2e-9.
        Assert.Equal(1.959963984540054, BinaryMetrics.NormalQuantile(0.975), 7);
        Assert.Equal(-2.326347874040841, BinaryMetrics.NormalQuantile(0.01), 7);
        Assert.Equal(0, BinaryMetrics.NormalQuantile(0.5), 12);
    }

    [Fact]
    public void LogLossIsMeanNegativeLogLikelihood() =>
        Assert.Equal(-(Math.Log(0.8) + Math.Log(0.6)) / 2, BinaryMetrics.LogLoss([1, 0], [0.8, 0.4]), 12);

    [Fact]
    public void LogLossClipsCertainMisses() =>
        Assert.Equal(-Math.Log(1e-15), BinaryMetrics.LogLoss([0], [1.0]), 6);

    [Fact]
    public void BrierIsMeanSquaredError() => Assert.Equal(0.1, BinaryMetrics.Brier([1, 0], [0.8, 0.4]), 12);

    [Fact]
    public void NonBinaryLabelsAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => BinaryMetrics.Brier([1, 2], [0.5, 0.5]));
        Assert.Contains("Row 1", e.Message);
    }

    [Fact]
    public void SingleClassAucIsNaN() => Assert.True(double.IsNaN(BinaryMetrics.RocAuc([1, 1], [0.2, 0.4])));
}
