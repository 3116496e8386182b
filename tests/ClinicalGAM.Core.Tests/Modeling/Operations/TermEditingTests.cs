using ClinicalGAM.Core.Modeling.Operations;

namespace ClinicalGAM.Core.Tests.Operations;

public class TermEditingTests
{
    [Fact]
    public void RemovingATermSubtractsExactlyItsContribution()
    {
        var model = HandModel.Create();
        var patients = HandModel.Patients();
        var before = model.LinearPredictor(patients);
        var modeContribution = model.Contributions(patients)[1];
        var after = model.RemoveTerms("mode").LinearPredictor(patients);
        for (int i = 0; i < before.Length; i++) Assert.Equal(before[i] - modeContribution[i], after[i], 12);
        Assert.Null(model.RemoveTerms("mode").Term("mode"));
    }

    [Fact]
    public void RemovingAnUnknownTermNamesIt()
    {
        var e = Assert.Throws<ArgumentException>(() => HandModel.Create().RemoveTerms("parity"));
        Assert.Contains("'parity'", e.Message);
    }

    [Fact]
    public void RemovingAFeatureDropsItsPairsToo()
    {
        var model = HandModel.Create().RemoveFeature("age");
        Assert.Equal(["mode"], model.Terms.Select(t => t.Name));
        Assert.Equal(["mode"], model.Info.Features);
        Assert.Equal(3, model.BagIntercepts!.Length);
    }

    [Fact]
    public void ScalingATermScalesScoresBagsAndErrorBars()
    {
        var model = HandModel.Create();
        var scaled = model.ScaleTerm("age", -2);
        var (a, b) = (model.Term("age")!, scaled.Term("age")!);
        for (int c = 0; c < a.Scores.Length; c++)
        {
            Assert.Equal(-2 * a.Scores[c], b.Scores[c], 12);
            Assert.Equal(2 * a.StandardDeviations[c], b.StandardDeviations[c], 12);
            Assert.Equal(-2 * a.BagScores![1][c], b.BagScores![1][c], 12);
        }
        Assert.Same(model.Term("mode"), scaled.Term("mode"));
    }
}
