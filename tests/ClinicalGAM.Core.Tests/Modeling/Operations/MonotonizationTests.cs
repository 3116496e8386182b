using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Operations;
using CsCheck;

namespace ClinicalGAM.Core.Tests.Operations;

public class MonotonizationTests
{
    private static GamModel OneTermModel(double[] scores, double[] weights, FeatureBinning binning)
    {
        // Two bags that disagree about bin 3 only.
        var bump = new double[scores.Length];
        if (bump.Length > 3) bump[3] = 0.2;
        var term = new GamTerm("hb", [binning], scores, new double[scores.Length], weights,
            [scores.Select((s, i) => s + bump[i]).ToArray(), scores.Select((s, i) => s - bump[i]).ToArray()]);
        return new GamModel(new ModelInfo { Outcome = "smm" }, -1, [term], [-1, -1]);
    }

    [Fact]
    public void PoolsViolatorsByBinWeight()
    {
        // Bins 1..4 hold 1, 3, 2, 4 with weights 1, 1, 3, 1: the violating pair pools to (3·1 + 2·3)/4 = 2.25.
        var binning = new FeatureBinning { Feature = "hb", Kind = BinningKind.Continuous, Cuts = [7, 9, 11] };
        var model = OneTermModel([0, 1, 3, 2, 4], [1, 1, 1, 3, 1], binning).Monotonize("hb", +1);
        var s = model.Term("hb")!.Scores;
        Assert.Equal(1.25, s[2] - s[1], 12);
        Assert.Equal(s[2], s[3], 12);
        Assert.Equal(3, s[4] - s[1], 12);
        Assert.Equal(-1, s[0] - s[1], 12); // the missing bin keeps its place relative to the curve
        Assert.Equal(0, s.Zip(new double[] { 1, 1, 1, 3, 1 }, (x, w) => x * w).Sum(), 12); // re-centred
    }

    [Fact]
    public void CentringShiftMovesIntoTheIntercept()
    {
        var binning = new FeatureBinning { Feature = "hb", Kind = BinningKind.Continuous, Cuts = [7, 9, 11] };
        var model = OneTermModel([0, 1, 3, 2, 4], [1, 1, 1, 3, 1], binning);
        var monotone = model.Monotonize("hb", +1);
        // Bin 3 (9 <= Hb < 11) moved from 2 to 2.25; the full prediction there (intercept + score) moves by 0.25.
        double before = model.Intercept + model.Term("hb")!.Scores[3];
        double after = monotone.Intercept + monotone.Term("hb")!.Scores[3];
        Assert.Equal(0.25, after - before, 12);
        // Bags moved with the mean: they still average to the scores and still disagree about bin 3 by 0.4.
        var term = monotone.Term("hb")!;
        var bags = term.BagScores!;
        for (int c = 0; c < term.Scores.Length; c++) Assert.Equal(term.Scores[c], (bags[0][c] + bags[1][c]) / 2, 12);
        Assert.Equal(0.4, (bags[0][3] - bags[0][1]) - (bags[1][3] - bags[1][1]), 12);
    }

    [Fact]
    public void DecreasingDirectionGivesNonIncreasingScores()
    {
        Gen.Double[-3, 3].Array[6].Select(Gen.Double[0.5, 10].Array[6]).Sample((scores, weights) =>
        {
            var binning = new FeatureBinning { Feature = "hb", Kind = BinningKind.Continuous, Cuts = [1, 2, 3, 4] };
            var s = OneTermModel(scores, weights, binning).Monotonize("hb", -1).Term("hb")!.Scores;
            for (int b = 2; b < s.Length; b++) Assert.True(s[b] <= s[b - 1] + 1e-12);
        });
    }

    [Fact]
    public void IsotonicRegressionKeepsTheWeightedMeanAndLeavesMonotoneDataAlone()
    {
        Gen.Double[-5, 5].Array[1, 30].SelectMany(v => Gen.Double[0.1, 5].Array[v.Length].Select(w => (v, w))).Sample(t =>
        {
            var fit = IsotonicRegression.NonDecreasing(t.v, t.w);
            for (int i = 1; i < fit.Length; i++) Assert.True(fit[i] >= fit[i - 1] - 1e-12);
            Assert.Equal(t.v.Zip(t.w, (a, b) => a * b).Sum(), fit.Zip(t.w, (a, b) => a * b).Sum(), 9);
            var sorted = t.v.Order().ToArray();
            Assert.Equal(sorted, IsotonicRegression.NonDecreasing(sorted, t.w));
        });
    }

    [Fact]
    public void NominalAndPairTermsAreRefused()
    {
        var model = HandModel.Create();
        Assert.Contains("nominal", Assert.Throws<ArgumentException>(() => model.Monotonize("mode", 1)).Message);
        Assert.Contains("pair", Assert.Throws<ArgumentException>(() => model.Monotonize("age x mode", 1)).Message);
    }
}
