using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.MlNet;
using ClinicalGAM.Core.Tests.MlNet;

namespace ClinicalGAM.Core.Tests.MlNet;

public class TrainerCatalogTests
{
    [Fact]
    public void NamesListTheGamEnginesDefaultFirst() => Assert.Equal(["ebm", "mlnet-gam"], TrainerCatalog.Names);

    [Fact]
    public void CreatesTheNamedEngine()
    {
        var trainer = TrainerCatalog.Create("MLNET-GAM");
        Assert.IsType<MlNetGamTrainer>(trainer);
        Assert.Equal("mlnet-gam", trainer.Name);
    }

    [Fact]
    public void EbmIsTheDefaultEngine()
    {
        Assert.Equal("ebm", new ModelSpecification { Outcome = "y", Features = [] }.Engine);
        var trainer = TrainerCatalog.Create("ebm");
        Assert.IsType<ClinicalGAM.Core.Modeling.Ebm.EbmTrainer>(trainer);
        Assert.Equal("ebm", trainer.Name);
    }

    [Fact]
    public void UnknownEngineListsTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => TrainerCatalog.Create("xgboost"));
        Assert.Contains("ebm, mlnet-gam, fasttree", e.Message);
    }

    [Fact]
    public void FastTreeIsNotAGamButCanBeFitted()
    {
        Assert.Throws<ArgumentException>(() => TrainerCatalog.Create("fasttree"));
        var cohort = SmallCohort.Create(rows: 200);
        var spec = new ModelSpecification { Outcome = "smm", Features = SmallCohort.Features, Engine = "fasttree" };
        var scorer = TrainerCatalog.FitScorer(cohort, spec, SmallCohort.TrainingRows(cohort));
        Assert.IsNotType<GamModel>(scorer);
        Assert.Equal(200, scorer.Predict(cohort).Length);
    }
}
