using Bunit;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Storage;
using ClinicalGAM.Web.Components.Pages.Analysis;
using ClinicalGAM.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClinicalGAM.Web.Tests.Analysis;

public sealed class AnalysisPagesTests : WebTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public AnalysisPagesTests()
    {
        Ctx.Services.AddSingleton(sp => new MeasurementValueService(Store, sp.GetRequiredService<CohortService>(), NullLogger<MeasurementValueService>.Instance));
        Ctx.Services.AddSingleton(sp => new FairnessService(Store, sp.GetRequiredService<CohortService>(), NullLogger<FairnessService>.Instance));
    }

    private async Task<int> SaveAsync(ColumnAnnotation modeAnnotation)
    {
        int cohort = await Store.SaveCohortAsync(TestModels.Cohort200(), "development", "test");
        await Ctx.Services.GetRequiredService<CohortService>().AnnotateAsync(cohort, "delivery_mode", modeAnnotation);
        var model = new GamModel(new ModelInfo { Engine = "ebm", Outcome = "smm", Features = ["hemoglobin_g_dl", "delivery_mode"] }, -2,
            [TestModels.Haemoglobin(), TestModels.DeliveryMode()]);
        return await Store.SaveModelAsync(cohort, "hb + mode", model,
            new ModelSpecification { Outcome = "smm", Features = model.Info.Features, Seed = 3 }, new ModelMetrics());
    }

    [Fact]
    public async Task Measurement_value_page_lists_each_measurement_with_its_dictionary_cost_and_draws_the_frontier()
    {
        int id = await SaveAsync(new ColumnAnnotation(MeasurementCost: 250));
        var page = Ctx.Render<MeasurementValuePage>(p => p.Add(c => c.Id, id));
        page.WaitForElement("#value-start", Patience).Click();

        page.WaitForElement("#value-table", Patience);
        var rows = page.FindAll("#value-table tbody tr");
        Assert.Equal(2, rows.Count);
        var mode = rows.Single(r => r.TextContent.Contains("delivery_mode"));
        Assert.Contains("250", mode.Children[1].TextContent);
        var hb = rows.Single(r => r.TextContent.Contains("hemoglobin_g_dl"));
        Assert.Equal("1", hb.Children[1].TextContent.Trim());
        Assert.Contains("Full model test AUC", page.Find("#value-summary").TextContent);
        Assert.NotEmpty(page.FindAll("#frontier-chart"));
    }

    [Fact]
    public async Task Fairness_page_offers_the_flagged_column_and_compares_six_rows_per_group()
    {
        int id = await SaveAsync(new ColumnAnnotation(IsSensitive: true));
        var page = Ctx.Render<FairnessPage>(p => p.Add(c => c.Id, id));
        page.WaitForElement("#fairness-start:not([disabled])", Patience).Click();

        page.WaitForElement("#fairness-strategies", Patience);
        var strategies = page.FindAll("#fairness-strategies tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(6, strategies.Count);
        Assert.Contains(strategies, s => s.Contains("train then clean"));
        Assert.Contains(strategies, s => s.Contains("modified loss") && s.Contains("exponentiated gradient"));
        Assert.Contains(strategies, s => s.Contains("reweighing"));
        Assert.Equal(5, page.FindAll("#tradeoff-table tbody tr").Count);
        Assert.Contains("demographic parity", page.Find("#tradeoff-note").TextContent);
        Assert.Contains("delivery_mode", page.Find("#fairness-summary").TextContent);
        Assert.Contains("vaginal", page.Find("#fairness-groups").TextContent);
        Assert.Contains("hemoglobin_g_dl", page.Find("#proxy-finder").TextContent);
    }

    [Fact]
    public async Task Finished_analyses_are_stored_and_a_restarted_server_shows_the_last_ones()
    {
        int id = await SaveAsync(new ColumnAnnotation(IsSensitive: true, MeasurementCost: 40));
        var cohorts = Ctx.Services.GetRequiredService<CohortService>();
        var entry = (await Store.FindModelAsync(id))!;
        var value = new MeasurementValueService(Store, cohorts, NullLogger<MeasurementValueService>.Instance);
        var fairness = new FairnessService(Store, cohorts, NullLogger<FairnessService>.Instance);
        var v = value.Start(entry, searchPanels: false);
        var f = fairness.Start(entry, "delivery_mode", strength: 0.5, constraint: Core.Diagnostics.Fairness.ParityConstraint.EqualisedOdds);
        var deadline = DateTime.UtcNow + Patience;
        while ((v.IsRunning || f.IsRunning) && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.NotNull(v.Result);
        Assert.NotNull(f.Result);

        // A new server: fresh services over the same store.
        var reopenedValue = await new MeasurementValueService(Store, cohorts, NullLogger<MeasurementValueService>.Instance).FindAsync(id);
        var reopenedFairness = await new FairnessService(Store, cohorts, NullLogger<FairnessService>.Instance).FindAsync(id);
        Assert.False(reopenedValue!.IsRunning);
        Assert.Equal(v.Result!.Measurements.Select(m => (m.Feature, m.AucDropRefit)), reopenedValue.Result!.Measurements.Select(m => (m.Feature, m.AucDropRefit)));
        Assert.Equal(3, reopenedValue.Provenance!.Seed);
        Assert.Equal("delivery_mode", reopenedFairness!.Sensitive);
        Assert.Equal("equalised odds", reopenedFairness.Result!.Constraint);
        Assert.Equal(f.Result!.TradeOff.Select(p => p.EqualisedOdds), reopenedFairness.Result.TradeOff.Select(p => p.EqualisedOdds));
        Assert.Equal(f.Result.Strategies.Select(s => s.Metrics.Overall.Auc), reopenedFairness.Result.Strategies.Select(s => s.Metrics.Overall.Auc));

        // The page of a reopened model shows the stored result without running anything.
        var page = Ctx.Render<MeasurementValuePage>(p => p.Add(c => c.Id, id));
        page.WaitForElement("#value-provenance", Patience);
        Assert.Empty(page.FindAll("#value-progress"));
    }
}
