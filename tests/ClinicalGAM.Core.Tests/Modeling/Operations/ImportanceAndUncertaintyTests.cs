using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Operations;

namespace ClinicalGAM.Core.Tests.Operations;

public class ImportanceAndUncertaintyTests
{
    [Fact]
    public void ImportancesAreWeightedMeanAbsoluteScoreAndRange()
    {
        var model = HandModel.Create();
        var importances = model.Importances();
        Assert.Equal(3, importances.Count);
        var age = importances.Single(i => i.Term == "age");
        // age mean scores (0.1, 0.5, -0.4, 0.5), weights (5, 30, 50, 20): (0.5 + 15 + 20 + 10) / 105.
        Assert.Equal(45.5 / 105, age.MeanAbsoluteScore, 12);
        Assert.Equal(0.9, age.Range, 12);
        Assert.True(importances.Zip(importances.Skip(1)).All(p => p.First.MeanAbsoluteScore >= p.Second.MeanAbsoluteScore));
    }

    [Fact]
    public void UncertaintySummarisesEachBagsPrediction()
    {
        var model = HandModel.Create();
        var patients = HandModel.Patients();
        var result = model.PredictWithUncertainty(patients);
        Assert.Equal(3, result.Bags);
        // Patient 0: age 20 (bin 1), vaginal (bin 1), pair cell 1·4 + 1 = 5.
        var bagRisks = Enumerable.Range(0, 3).Select(b =>
        {
            double eta = model.BagIntercepts![b] + model.Terms[0].BagScores![b][1] + model.Terms[1].BagScores![b][1] + model.Terms[2].BagScores![b][5];
            return 1 / (1 + Math.Exp(-eta));
        }).ToArray();
        double mean = bagRisks.Average();
        double sd = Math.Sqrt(bagRisks.Sum(p => (p - mean) * (p - mean)) / 2);
        Assert.Equal(mean, result.Mean[0], 12);
        Assert.Equal(sd, result.StandardDeviation[0], 12);
        Assert.All(result.StandardDeviation, s => Assert.True(s > 0));
    }

    [Fact]
    public void ModelWithoutBagsHasNoSpread()
    {
        var bagged = HandModel.Create();
        var model = new GamModel(bagged.Info, bagged.Intercept, bagged.Terms.Select(t =>
            new GamTerm(t.Name, t.Binnings, t.Scores, t.StandardDeviations, t.BinWeights)).ToList());
        var result = model.PredictWithUncertainty(HandModel.Patients());
        Assert.Equal(1, result.Bags);
        Assert.Equal(model.Predict(HandModel.Patients()), result.Mean);
        Assert.All(result.StandardDeviation, s => Assert.Equal(0, s));
    }
}
