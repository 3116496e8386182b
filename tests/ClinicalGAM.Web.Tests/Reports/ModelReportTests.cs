using System.Text.RegularExpressions;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Storage;
using ClinicalGAM.Web.Reports;
using ClinicalGAM.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.Web.Tests.Reports;

public sealed class ModelReportTests : WebTestContext
{
    private async Task<string> ReportAsync()
    {
        int cohortId = await Store.SaveCohortAsync(TestModels.Cohort200(), "Ward <B> & co", "test.csv");
        await Store.UpdateDictionaryEntryAsync(cohortId, "hemoglobin_g_dl", new ColumnAnnotation(Label: "Haemoglobin", Unit: "g/dL"));
        var model = new GamModel(new ModelInfo { Engine = "ebm", Outcome = "smm", Seed = 5 }, -1.5,
            [TestModels.Haemoglobin(), TestModels.DeliveryMode(), TestModels.AgeByHb()]);
        var spec = new ModelSpecification { Outcome = "smm", Features = ["hemoglobin_g_dl", "delivery_mode"], Seed = 5 };
        var metrics = new ModelMetrics { TestAuc = 0.7, TestAucLow = 0.6, TestAucHigh = 0.8, TestFraction = 0.25, TestRows = 50, TrainRows = 150 };
        int modelId = await Store.SaveModelAsync(cohortId, "smm model", model, spec, metrics);
        var report = new ModelReport(Ctx.Services.GetRequiredService<ModelViewService>(), Ctx.Services.GetRequiredService<CohortService>());
        return (await report.BuildAsync(modelId))!;
    }

    [Fact]
    public async Task Follows_the_tripod_sections_with_one_svg_per_main_effect()
    {
        var html = await ReportAsync();
        foreach (var section in new[] { "Source of data", "Outcome", "Predictors and missing data", "Sample size and events",
                     "Model specification", "Performance (test set)", "Calibration", "Subgroup performance", "Shape functions" })
            Assert.Contains(section, html);
        Assert.Equal(2, Regex.Matches(html, "<svg ").Count); // Hb and delivery mode; the interaction is listed, not drawn
        Assert.Contains("0.700 (0.600–0.800)", html);
        Assert.Contains("Haemoglobin (g/dL)", html);
    }

    [Fact]
    public async Task Is_self_contained_and_escapes_user_text()
    {
        var html = await ReportAsync();
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("href=", html);
        Assert.Contains("Ward &lt;B&gt; &amp; co", html);
        Assert.DoesNotContain("Ward <B>", html);
    }
}
