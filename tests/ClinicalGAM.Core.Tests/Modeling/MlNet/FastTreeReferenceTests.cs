using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Metrics;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.MlNet;

namespace ClinicalGAM.Core.Tests.MlNet;

public class FastTreeReferenceTests
{
    [Fact]
    public void FitsAndRanksHeldOutPatients()
    {
        var cohort = SmallCohort.Create(rows: 2000);
        var spec = new ModelSpecification { Outcome = "smm", Features = SmallCohort.Features, Engine = "fasttree" };
        var scorer = FastTreeReference.Fit(cohort, spec, SmallCohort.TrainingRows(cohort));
        Assert.Equal("fasttree", scorer.Info.Engine);
        var p = scorer.Predict(cohort);
        Assert.All(p, v => Assert.InRange(v, 0, 1));
        var test = SmallCohort.TestRows(cohort);
        var labels = test.Select(i => ((NumericColumn)cohort["smm"])[i]).ToArray();
        Assert.True(BinaryMetrics.RocAuc(labels, test.Select(i => p[i]).ToArray()) > 0.65);
    }

    [Fact]
    public void CancelledBeforeStartThrows()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var spec = new ModelSpecification { Outcome = "smm", Features = SmallCohort.Features };
        Assert.ThrowsAny<OperationCanceledException>(() =>
            FastTreeReference.Fit(SmallCohort.Create(), spec, [0, 1, 2, 3], null, cts.Token));
    }
}
