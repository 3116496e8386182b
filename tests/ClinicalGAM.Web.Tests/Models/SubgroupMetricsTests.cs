using ClinicalGAM.Core.Data;
using ClinicalGAM.Web.Services;

namespace ClinicalGAM.Web.Tests.Models;

public sealed class SubgroupMetricsTests
{
    [Fact]
    public void Splits_the_test_rows_by_level_with_prevalence_mean_risk_and_auc()
    {
        var mode = new CategoricalColumn("delivery_mode", [0, 0, 0, 1, 1, -1], ["vaginal", "caesarean"]);
        // Test rows 0..5; vaginal rows 0-2 (one event, ranked perfectly), caesarean rows 3-4 (both events), row 5 missing.
        var test = new HeldOut([0, 1, 2, 3, 4, 5], [1, 0, 0, 1, 1, 0], [0.9, 0.2, 0.1, 0.5, 0.3, 0.4]);

        var groups = SubgroupMetrics.By(mode, test);

        var vaginal = groups.Single(g => g.Level == "vaginal");
        Assert.Equal(3, vaginal.Count);
        Assert.Equal(1, vaginal.Events);
        Assert.Equal(1 / 3.0, vaginal.Prevalence, 12);
        Assert.Equal(0.4, vaginal.MeanRisk, 12);
        Assert.Equal(1.0, vaginal.Auc, 12);
        Assert.Equal((1 / 3.0) / 0.4, vaginal.ObservedToExpected, 12);
        var caesarean = groups.Single(g => g.Level == "caesarean");
        Assert.True(double.IsNaN(caesarean.Auc), "AUC is undefined when every patient in the subgroup had the event");
        Assert.Equal(1, groups.Single(g => g.Level == "missing").Count);
    }
}
