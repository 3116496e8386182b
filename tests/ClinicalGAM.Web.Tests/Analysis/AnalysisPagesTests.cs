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
    public async Task Fairness_page_offers_the_flagged_column_and_compares_five_rows_per_group()
    {
        int id = await SaveAsync(new ColumnAnnotation(IsSensitive: true));
        var page = Ctx.Render<FairnessPage>(p => p.Add(c => c.Id, id));
        page.WaitForElement("#fairness-start:not([disabled])", Patience).Click();

        page.WaitForElement("#fairness-strategies", Patience);
        var strategies = page.FindAll("#fairness-strategies tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(5, strategies.Count);
        Assert.Contains(strategies, s => s.Contains("train then clean"));
        Assert.Contains(strategies, s => s.Contains("modified loss"));
        Assert.Contains("delivery_mode", page.Find("#fairness-summary").TextContent);
        Assert.Contains("vaginal", page.Find("#fairness-groups").TextContent);
        Assert.Contains("hemoglobin_g_dl", page.Find("#proxy-finder").TextContent);
    }
}
