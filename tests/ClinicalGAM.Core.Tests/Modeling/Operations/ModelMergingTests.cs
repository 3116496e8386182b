using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Operations;

namespace ClinicalGAM.Core.Tests.Operations;

public class ModelMergingTests
{
    [Fact]
    public void AveragingTwoModelsAveragesTheirLogits()
    {
        // Both models centred on the same bin weights, so the average needs no re-centring.
        var a = HandModel.Create().RecentredForTest();
        var b = a.ScaleTerm("age", 3).ScaleTerm("mode", 0.5);
        var merged = new[] { a, b }.Merge();
        var patients = HandModel.Patients();
        var (ea, eb, em) = (a.LinearPredictor(patients), b.LinearPredictor(patients), merged.LinearPredictor(patients));
        for (int i = 0; i < em.Length; i++) Assert.Equal((ea[i] + eb[i]) / 2, em[i], 12);
        Assert.Equal(6, merged.BagIntercepts!.Length);
        Assert.Equal(2 * a.Term("age")!.BinWeights[2], merged.Term("age")!.BinWeights[2]);
    }

    [Fact]
    public void UnionOfBagsWeighsEveryBagEqually()
    {
        var a = HandModel.Create();
        var b = new GamModel(a.Info, a.Intercept, a.Terms.Select(t => new GamTerm(t.Name, t.Binnings, t.Scores, t.StandardDeviations,
            t.BinWeights, [t.BagScores![0]])).ToList(), [a.BagIntercepts![0]]);
        var merged = new[] { a, b }.Merge(MergeMode.UnionOfBags);
        var age = merged.Term("age")!;
        Assert.Equal(4, age.BagScores!.Length);
        // Cell 1 before centring: bags 0.5, 0.7, 0.3 and 0.5 again -> mean 0.5. Centring shifts every cell equally.
        double shift = age.BagScores.Select(bag => bag[1]).Average() - age.Scores[1];
        Assert.Equal(0, shift, 12);
        var original = new[] { 0.2, 0.5, -0.3, 0.4 };
        Assert.Equal(original[1] - original[2], age.BagScores[3][1] - age.BagScores[3][2], 12);
    }

    [Fact]
    public void DifferentCutsAreRefused()
    {
        var a = HandModel.Create();
        var age = a.Term("age")!;
        var otherCuts = HandModel.Age with { Cuts = [24, 35] };
        var b = a.RemoveTerms("age", "age x mode").WithTermForTest(new GamTerm("age", [otherCuts], age.Scores, age.StandardDeviations, age.BinWeights, age.BagScores));
        var e = Assert.Throws<ArgumentException>(() => new[] { a, b }.Merge());
        Assert.Contains("terms", e.Message);
        var c = a.RemoveTerms("age").WithTermForTest(new GamTerm("age", [otherCuts], age.Scores, age.StandardDeviations, age.BinWeights, age.BagScores));
        e = Assert.Throws<ArgumentException>(() => new[] { a, c }.Merge());
        Assert.Contains("binned differently", e.Message);
    }

    [Fact]
    public void UnionOfBagsNeedsBags()
    {
        var a = HandModel.Create();
        var bare = new GamModel(a.Info, a.Intercept, a.Terms);
        Assert.Throws<ArgumentException>(() => new[] { a, bare }.Merge(MergeMode.UnionOfBags));
    }
}

internal static class ModelTestExtensions
{
    public static GamModel WithTermForTest(this GamModel model, GamTerm term) =>
        new(model.Info, model.Intercept, model.Terms.Append(term).ToList(), model.BagIntercepts);

    /// <summary>Centres every term on its bin weights (the hand model is not centred), keeping predictions.</summary>
    public static GamModel RecentredForTest(this GamModel model)
    {
        double intercept = model.Intercept;
        var terms = model.Terms.Select(t =>
        {
            double mean = t.Scores.Zip(t.BinWeights, (s, w) => s * w).Sum() / t.BinWeights.Sum();
            intercept += mean;
            return new GamTerm(t.Name, t.Binnings, t.Scores.Select(s => s - mean).ToArray(), t.StandardDeviations, t.BinWeights,
                t.BagScores?.Select(b => b.Select(s => s - mean).ToArray()).ToArray());
        }).ToList();
        return new GamModel(model.Info, intercept, terms, model.BagIntercepts);
    }
}
