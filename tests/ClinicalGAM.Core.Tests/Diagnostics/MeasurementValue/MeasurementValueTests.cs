using ClinicalGAM.Core.Diagnostics.MeasurementValue;
using ClinicalGAM.Core.Tests.Diagnostics.Fairness;

namespace ClinicalGAM.Core.Tests.Diagnostics.MeasurementValue;

public class MeasurementValueTests
{
    private static readonly string[] Measurements = ["lactate", "proxy", "bmi", "panel_x"];

    private static readonly Lazy<MeasurementValueReport> Report = new(() => MeasurementValueAnalysis.Run(
        PlantedProxyCohort.Create(), "died", Measurements,
        new MeasurementValueOptions { Seed = 5, Costs = PlantedProxyCohort.Costs, BootstrapReplicates = 100 }));

    [Fact]
    public void Ranking_puts_the_strong_measurement_first_and_the_useless_costly_one_last()
    {
        var order = Report.Value.Measurements.Select(m => m.Feature).ToArray();
        Assert.Equal("lactate", order[0]);
        Assert.Equal("panel_x", order[^1]);
        var strong = Report.Value.Measurements[0];
        Assert.True(strong.AucDropRefit.Upper < 0, "dropping the strong measurement loses AUC with a CI below 0");
        Assert.True(strong.AucDropNoRefit.Estimate <= strong.AucDropRefit.Estimate + 1e-9, "no refit cannot do better than a refit here");
    }

    [Fact]
    public void Panel_search_finds_a_panel_within_0_01_AUC_of_the_full_model_without_the_useless_measurement()
    {
        var r = Report.Value;
        var good = r.Frontier.Where(p => p.Auc >= r.FullAuc - 0.01).MinBy(p => p.TotalCost);
        Assert.NotNull(good);
        Assert.DoesNotContain("panel_x", good!.Panel);
        Assert.NotNull(r.CheapestNear95);
        Assert.DoesNotContain("panel_x", r.CheapestNear95!.Panel);
        Assert.All(r.Frontier, p => Assert.True(p.AucLower <= p.Auc && p.Auc <= p.AucUpper));
    }

    [Fact]
    public void Pinned_out_measurements_never_enter_a_panel()
    {
        var r = MeasurementValueAnalysis.Run(PlantedProxyCohort.Create(1500, 3), "died", Measurements,
            new MeasurementValueOptions { Seed = 5, PinnedOut = ["lactate"], PinnedIn = ["bmi"], BootstrapReplicates = 20 });
        Assert.All(r.AllPanels, p => Assert.DoesNotContain("lactate", p.Panel));
        Assert.All(r.AllPanels, p => Assert.Contains("bmi", p.Panel));
    }
}
