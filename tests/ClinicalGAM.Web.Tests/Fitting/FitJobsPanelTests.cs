using Bunit;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Web.Components.Pages.Fitting;
using ClinicalGAM.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.Web.Tests.Fitting;

public sealed class FitJobsPanelTests : WebTestContext
{
    [Fact]
    public async Task A_failed_fit_shows_its_error_and_leaves_the_cohort_and_models_untouched()
    {
        int cohortId = await Store.SaveCohortAsync(TestModels.SmallCohort(), "small", "test");
        var jobs = Ctx.Services.GetRequiredService<FitJobService>();
        var panel = Ctx.Render<FitJobsPanel>(p => p.Add(c => c.CohortId, cohortId));

        // Haemoglobin is not a 0/1 outcome: the outcome check fails inside the background job.
        var spec = new ModelSpecification { Outcome = "hemoglobin_g_dl", Features = ["delivery_mode"], Engine = Modeling.DefaultEngine };
        var job = jobs.Start(cohortId, "bad outcome", spec);

        panel.WaitForAssertion(() => Assert.Contains("The fit failed", panel.Find(".fit-error").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal(FitStatus.Failed, job.Status);
        Assert.Contains("hemoglobin_g_dl", job.Error);
        Assert.Equal(FitStatus.Failed, Store.Runs[job.RunId!.Value].Status);
        Assert.Empty(await Store.ListModelsAsync(cohortId));
        Assert.Equal(4, (await Store.LoadCohortAsync(cohortId)).RowCount);
    }
}
