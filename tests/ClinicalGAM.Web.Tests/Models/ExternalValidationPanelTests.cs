using Bunit;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Data.Derived;
using ClinicalGAM.Core.Diagnostics.Validation;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Web.Components.Pages.Models;
using ClinicalGAM.Web.Services;

namespace ClinicalGAM.Web.Tests.Models;

public sealed class ExternalValidationPanelTests : WebTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static GamModel HbModeModel() =>
        new(new ModelInfo { Engine = "ebm", Outcome = "smm", Features = ["hemoglobin_g_dl", "delivery_mode"] }, -2,
            [TestModels.Haemoglobin(), TestModels.DeliveryMode()]);

    private async Task<ModelEntry> SaveModelAsync(int cohortId, GamModel model)
    {
        var spec = new ModelSpecification { Outcome = "smm", Features = model.Info.Features };
        int id = await Store.SaveModelAsync(cohortId, "hb + mode", model, spec, new ModelMetrics());
        return (await Store.FindModelAsync(id))!;
    }

    [Fact]
    public async Task Cohorts_lacking_a_column_are_named_and_cannot_be_validated_on()
    {
        int development = await Store.SaveCohortAsync(TestModels.Cohort200(), "development", "test");
        await Store.SaveCohortAsync(new CohortTable([
            new NumericColumn("hemoglobin_g_dl", [10, 12]), new NumericColumn("other", [1, 2])]), "no mode", "test");
        await Store.SaveCohortAsync(TestModels.SmallCohort(), "hospital B", "test");
        var entry = await SaveModelAsync(development, HbModeModel());

        var panel = Ctx.Render<ExternalValidationPanel>(p => p.Add(c => c.Entry, entry));

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll(".validation-candidate").Count), Patience);
        var rows = panel.FindAll(".validation-candidate");
        Assert.Contains("no mode", rows[0].TextContent); // the development cohort itself is not offered
        Assert.Equal("lacks 'smm', 'delivery_mode'", rows[0].QuerySelector(".candidate-status")!.TextContent);
        Assert.True(rows[0].QuerySelector("button")!.HasAttribute("disabled"));
        Assert.Equal("ready", rows[1].QuerySelector(".candidate-status")!.TextContent);
        Assert.False(rows[1].QuerySelector("button")!.HasAttribute("disabled"));
    }

    [Fact]
    public async Task Validating_scores_the_other_cohort_without_refitting_and_lists_the_result()
    {
        int development = await Store.SaveCohortAsync(TestModels.SmallCohort(), "development", "test");
        int external = await Store.SaveCohortAsync(TestModels.Cohort200(), "hospital B", "test");
        var model = HbModeModel();
        var entry = await SaveModelAsync(development, model);
        var expected = ExternalValidation.Evaluate(model, TestModels.Cohort200());

        var panel = Ctx.Render<ExternalValidationPanel>(p => p.Add(c => c.Entry, entry));
        panel.WaitForElement(".validate-button:not([disabled])", Patience).Click();

        panel.WaitForAssertion(() => Assert.Single(panel.FindAll(".validation-row")), Patience);
        var stored = Assert.Single(await Store.ListValidationsAsync(entry.Id));
        Assert.Equal((external, 200, expected.Events), (stored.CohortId!.Value, stored.Rows, stored.Events));
        Assert.Equal(expected.Auc.Auc, stored.Auc, 12);
        Assert.Equal(ExternalValidationPanel.AucText(stored), panel.Find(".validation-auc").TextContent);
        Assert.StartsWith($"{expected.Auc.Auc:0.000} (", panel.Find(".validation-auc").TextContent);
        Assert.Contains("Calibration on hospital B (200 patients", panel.Find("#validation-selected").TextContent);
        Assert.Empty(panel.FindAll("#validation-error"));
    }

    [Fact]
    public async Task A_derived_feature_is_recomputed_from_the_other_cohorts_columns()
    {
        int development = await Store.SaveCohortAsync(TestModels.Cohort200(), "development", "test");
        int external = await Store.SaveCohortAsync(TestModels.Cohort200(), "hospital B", "test");
        await Store.SaveCohortAsync(new CohortTable([new NumericColumn("smm", [0, 1], ColumnKind.Binary)]), "outcome only", "test");
        // hb_x2 = 2 x Hb: the model's Hb cuts at 7, 9, 11 applied to twice the value.
        var hb = TestModels.Haemoglobin();
        var doubled = new GamTerm("hb_x2", [hb.Binnings[0] with { Feature = "hb_x2" }], hb.Scores, hb.StandardDeviations, hb.BinWeights);
        var model = new GamModel(new ModelInfo { Engine = "ebm", Outcome = "smm", Features = ["hb_x2"],
            DerivedFeatures = [new DerivedFeature("hb_x2", "hemoglobin_g_dl * 2")] }, -2, [doubled]);
        var entry = await SaveModelAsync(development, model);
        var service = new ExternalValidationService(Store, new CohortService(Store));

        Assert.Empty(await service.MissingColumnsAsync(entry, external));
        Assert.Equal(["hemoglobin_g_dl"], await service.MissingColumnsAsync(entry, external + 1));
        var validation = await service.ValidateAsync(entry, external);

        var withColumn = TestModels.Cohort200().With(new NumericColumn("hb_x2",
            ((NumericColumn)TestModels.Cohort200()["hemoglobin_g_dl"]).Values.ToArray().Select(v => v * 2).ToArray()));
        var y = OutcomeValidator.RequireBinary(withColumn, "smm");
        Assert.Equal(Core.Diagnostics.Metrics.BinaryMetrics.RocAuc(y, model.Predict(withColumn)), validation.Auc, 12);
        await Assert.ThrowsAsync<ExternalValidationException>(() => service.ValidateAsync(entry, external + 1));
        Assert.Single(await Store.ListValidationsAsync(entry.Id));
    }

    [Fact]
    public async Task Enter_on_a_past_validation_shows_its_calibration()
    {
        int development = await Store.SaveCohortAsync(TestModels.SmallCohort(), "development", "test");
        int b = await Store.SaveCohortAsync(TestModels.Cohort200(), "hospital B", "test");
        int c = await Store.SaveCohortAsync(TestModels.SmallCohort(), "hospital C", "test");
        var model = HbModeModel();
        var entry = await SaveModelAsync(development, model);
        await Store.SaveValidationAsync(entry.Id, b, ExternalValidation.Evaluate(model, TestModels.Cohort200()));
        await Store.SaveValidationAsync(entry.Id, c, ExternalValidation.Evaluate(model, TestModels.SmallCohort()));

        var panel = Ctx.Render<ExternalValidationPanel>(p => p.Add(c => c.Entry, entry));
        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll(".validation-row").Count), Patience);

        // Newest first, and the newest is shown.
        Assert.StartsWith("Calibration on hospital C", panel.Find("#validation-selected").TextContent.Trim());
        var older = panel.FindAll(".validation-row")[1];
        Assert.Equal("0", older.GetAttribute("tabindex"));
        older.KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        Assert.StartsWith("Calibration on hospital B (200 patients", panel.Find("#validation-selected").TextContent.Trim());
        Assert.Equal("true", panel.FindAll(".validation-row")[1].GetAttribute("aria-selected"));
    }
}
