using Bunit;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Web.Components.Pages.Fitting;
using ClinicalGAM.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.Web.Tests.Fitting;

public sealed class SavedSpecsTests : WebTestContext
{
    private static FitForm Form(CohortTable table)
    {
        var profiles = table.Columns.Select(c => ColumnProfiler.Profile(c)).ToList();
        var entry = new CohortEntry(1, "c", "test", table.RowCount, table.Columns.Count, DateTimeOffset.UtcNow);
        return FitForm.For(new CohortOverview(entry, profiles, new Dictionary<string, double>()));
    }

    [Fact]
    public async Task A_saved_specification_reruns_on_another_cohort_and_refuses_one_lacking_its_columns()
    {
        int development = await Store.SaveCohortAsync(TestModels.SmallCohort(), "development", "test");
        int external = await Store.SaveCohortAsync(TestModels.Cohort200(), "external", "test");
        int lacking = await Store.SaveCohortAsync(new CohortTable([
            new NumericColumn("other", [1, 2, 3]), new NumericColumn("smm", [0, 1, 0], ColumnKind.Binary)]), "lacking", "test");
        var form = Form(TestModels.SmallCohort());
        form.Bags = 1;
        form.Interactions = 0;
        form.Name = "hb + mode";
        form.SetMonotone("hemoglobin_g_dl", -1);

        var here = Ctx.Render<SavedSpecsPanel>(p => p.Add(c => c.CohortId, development).Add(c => c.Form, form));
        here.Find("#save-spec").Click();
        here.WaitForAssertion(() => Assert.Single(here.FindAll(".spec-row")), TimeSpan.FromSeconds(10));
        var saved = Assert.Single(await Store.ListSpecsAsync());
        Assert.Equal("hb + mode", saved.Name);
        Assert.Equal(-1, saved.Specification.Monotone["hemoglobin_g_dl"]);
        Assert.Equal(development, saved.CohortId);

        var refused = Ctx.Render<SavedSpecsPanel>(p => p.Add(c => c.CohortId, lacking).Add(c => c.Form, Form(TestModels.SmallCohort())));
        refused.WaitForElement(".run-spec", TimeSpan.FromSeconds(10)).Click();
        refused.WaitForAssertion(() => Assert.Contains("lacks hemoglobin_g_dl, delivery_mode", refused.Find(".spec-message").TextContent), TimeSpan.FromSeconds(10));
        var jobs = Ctx.Services.GetRequiredService<FitJobService>();
        Assert.Empty(jobs.Jobs(lacking));

        var there = Ctx.Render<SavedSpecsPanel>(p => p.Add(c => c.CohortId, external).Add(c => c.Form, Form(TestModels.Cohort200())));
        there.WaitForElement(".run-spec", TimeSpan.FromSeconds(10)).Click();
        var job = Assert.Single(jobs.Jobs(external));
        for (int i = 0; i < 600 && job.IsActive; i++) await Task.Delay(50);
        Assert.True(job.Status == FitStatus.Succeeded, job.Error);
        var model = (await Store.FindModelAsync(job.ModelId!.Value))!;
        Assert.Equal(external, model.CohortId);
        Assert.Equal(["hemoglobin_g_dl", "delivery_mode"], model.Specification.Features);
        Assert.Equal("hb + mode · re-run", model.Name);
    }
}
