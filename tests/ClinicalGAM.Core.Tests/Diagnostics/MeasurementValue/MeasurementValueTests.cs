using ClinicalGAM.Core.Data;
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
        Assert.True(strong.AucDropNoRefit.Upper < 0, "without refit too (on the test rows)");
        // The useless measurement costs nothing to drop: its cross-fitted CI covers 0.
        var useless = Report.Value.Measurements[^1];
        Assert.True(useless.AucDropRefit.Lower <= 0 && useless.AucDropRefit.Upper >= -0.005, $"{useless.AucDropRefit}");
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

    [Fact]
    public void Refit_differences_are_cross_fitted_on_the_training_rows_and_blind_to_the_test_rows()
    {
        var cohort = PlantedProxyCohort.Create(1500, 3);
        var options = new MeasurementValueOptions { Seed = 5, SearchPanels = false, BootstrapReplicates = 20, CrossFitFolds = 3 };
        var before = MeasurementValueAnalysis.Run(cohort, "died", Measurements, options);
        // Scramble the strong measurement on the held-out test rows (the analysis's own seeded split).
        var labels = ((NumericColumn)cohort["died"]).Values.ToArray();
        var test = CohortSplit.Stratified(labels, options.TestFraction, options.Seed).Test;
        var lactate = ((NumericColumn)cohort["lactate"]).Values.ToArray();
        var rng = new SeededRandom(1);
        foreach (int r in test) lactate[r] = rng.NextNormal();
        var after = MeasurementValueAnalysis.Run(cohort.With(new NumericColumn("lactate", lactate)), "died", Measurements, options);

        Assert.Equal(3, after.CrossFitFolds);
        foreach (var m in before.Measurements)
        {
            var n = after.Measurements.Single(x => x.Feature == m.Feature);
            Assert.Equal(m.AucDropRefit, n.AucDropRefit);
            Assert.Equal(m.LogLossDropRefit, n.LogLossDropRefit);
        }
        // The test rows did change: the no-refit comparison, judged on them, moves.
        Assert.NotEqual(before.Measurements.Single(x => x.Feature == "lactate").AucDropNoRefit,
            after.Measurements.Single(x => x.Feature == "lactate").AucDropNoRefit);
    }

    [Fact]
    public void A_cancelled_panel_search_stops_as_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        // Cancel once the search starts (progress past the per-measurement part).
        var progress = new SynchronousProgress(p => { if (p.Stage == "Panel search") cancel.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() => MeasurementValueAnalysis.Run(PlantedProxyCohort.Create(1500, 3), "died", Measurements,
            new MeasurementValueOptions { Seed = 5, BootstrapReplicates = 10, CrossFitFolds = 2 }, progress, cancel.Token));
    }

    private sealed class SynchronousProgress(Action<(double Fraction, string Stage)> report) : IProgress<(double Fraction, string Stage)>
    {
        public void Report((double Fraction, string Stage) value) => report(value);
    }
}
