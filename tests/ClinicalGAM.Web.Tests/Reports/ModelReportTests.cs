using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Storage;
using ClinicalGAM.Web.Reports;
using ClinicalGAM.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.Web.Tests.Reports;

/// <summary>The web's report adapter: what it feeds the shared report (the report's own layout is tested in Reporting).</summary>
public sealed class ModelReportTests : WebTestContext
{
    private async Task<string> ReportAsync(FlagView? flag = null, bool validated = false)
    {
        int cohortId = await Store.SaveCohortAsync(TestModels.Cohort200(), "Ward <B> & co", "test.csv");
        await Store.UpdateDictionaryEntryAsync(cohortId, "hemoglobin_g_dl", new ColumnAnnotation(Label: "Haemoglobin", Unit: "g/dL"));
        var model = new GamModel(new ModelInfo { Engine = "ebm", Outcome = "smm", Seed = 5, Features = ["hemoglobin_g_dl", "delivery_mode"] }, -1.5,
            [TestModels.Haemoglobin(), TestModels.DeliveryMode()]);
        var spec = new ModelSpecification { Outcome = "smm", Features = ["hemoglobin_g_dl", "delivery_mode"], Seed = 5 };
        var metrics = new ModelMetrics { TestAuc = 0.7, TestFraction = 0.25, TestRows = 50, TrainRows = 150 };
        if (validated) metrics = metrics with { CvFolds = 3, CvSeed = 5, CvFoldAucs = [0.6, 0.7, 0.8], CvAucMean = 0.7, CvAucSd = 0.1 };
        int modelId = await Store.SaveModelAsync(cohortId, "smm model", model, spec, metrics);
        if (flag is not null) await Store.SaveFlagsAsync(modelId, [flag]);
        if (validated)
        {
            int other = await Store.SaveCohortAsync(TestModels.SmallCohort(), "Hospital C", "c.csv");
            await Store.SaveValidationAsync(modelId, other, Core.Diagnostics.Validation.ExternalValidation.Evaluate(model, TestModels.SmallCohort()));
        }
        var report = new ModelReportService(Ctx.Services.GetRequiredService<ModelViewService>(),
            Ctx.Services.GetRequiredService<CohortService>(), Store);
        return (await report.BuildHtmlAsync(modelId))!;
    }

    [Fact]
    public async Task Names_the_cohort_the_held_out_split_and_the_dictionary_labels_escaping_user_text()
    {
        var html = await ReportAsync();
        Assert.Contains("Ward &lt;B&gt; &amp; co", html);
        Assert.DoesNotContain("Ward <B>", html);
        Assert.Contains("25% stratified test split of seed 5", html);
        Assert.Contains("Haemoglobin", html); // the dictionary label reaches the predictor table
        Assert.Contains("g/dL", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public async Task Carries_the_latest_goodhart_check()
    {
        var html = await ReportAsync(new FlagView("hemoglobin_g_dl", "threshold", 7, -0.4, -0.6, -0.2, -4, 1e-4,
            "Risk drops below Hb 7 against the trend."));
        Assert.Contains("Risk drops below Hb 7 against the trend.", html);
    }

    [Fact]
    public async Task Carries_the_cross_validation_and_the_stored_external_validations()
    {
        var plain = await ReportAsync();
        var html = await ReportAsync(validated: true);

        Assert.Contains("External validation: not performed.", plain);
        Assert.Contains("3-fold cross-validation", html);
        Assert.Contains("mean 0.7000, sd 0.1000 over folds", html);
        Assert.Contains("<td>Hospital C</td>", html);
    }
}
