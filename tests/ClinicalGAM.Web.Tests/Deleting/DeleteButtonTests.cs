using Bunit;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Storage;
using ClinicalGAM.Web.Components.Pages.Cohorts;
using ClinicalGAM.Web.Components.Pages.Models;
using ClinicalGAM.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ClinicalGAM.Web.Tests.Deleting;

/// <summary>The delete button on the cohort and model pages: owners only, a confirmation naming what goes, refusals.</summary>
public sealed class DeleteButtonTests : WebTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private async Task<(int Cohort, int Model)> CohortWithModelAsync()
    {
        int cohort = await Store.SaveCohortAsync(TestModels.Cohort200(), "small", "test");
        var model = new GamModel(new ModelInfo { Engine = "ebm", Outcome = "smm", Features = ["hemoglobin_g_dl", "delivery_mode"] }, -2,
            [TestModels.Haemoglobin(), TestModels.DeliveryMode()]);
        int id = await Store.SaveModelAsync(cohort, "smm model", model,
            new ModelSpecification { Outcome = "smm", Features = model.Info.Features, Seed = 3 }, new ModelMetrics { TestFraction = 0.3 });
        return (cohort, id);
    }

    private static ProjectScope As(ProjectRole role) => new(5, role, $"{role} user", SiteAdmin: false);

    [Theory]
    [InlineData(ProjectRole.Viewer)]
    [InlineData(ProjectRole.Analyst)]
    public async Task Viewers_and_analysts_see_no_delete_button_and_the_service_refuses_them(ProjectRole role)
    {
        var (cohort, model) = await CohortWithModelAsync();
        using var _ = ProjectScope.Enter(As(role));

        var cohortPage = Ctx.Render<CohortDetail>(p => p.Add(c => c.Id, cohort));
        cohortPage.WaitForAssertion(() => Assert.NotEmpty(cohortPage.FindAll("#fit-button")), Patience);
        Assert.Empty(cohortPage.FindAll("#delete-cohort"));

        var deletions = Ctx.Services.GetRequiredService<DeletionService>();
        var refused = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => deletions.DeleteCohortAsync(cohort));
        Assert.Contains($"your role is {role.ToString().ToLowerInvariant()}", refused.Message);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => deletions.DeleteModelAsync(model));
        Assert.NotNull(await Store.FindCohortAsync(cohort));
        Assert.NotNull(await Store.FindModelAsync(model));
    }

    [Fact]
    public async Task An_owner_confirms_a_dialog_that_names_the_models_going_with_the_cohort_then_it_is_gone()
    {
        var (cohort, model) = await CohortWithModelAsync();
        using var _ = ProjectScope.Enter(As(ProjectRole.Owner));
        var dialogs = Ctx.Render<MudDialogProvider>();
        var page = Ctx.Render<CohortDetail>(p => p.Add(c => c.Id, cohort));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#delete-cohort")), Patience);

        // The click's handler waits for the dialog's answer: start it, answer, then await it.
        var clicking = page.Find("#delete-cohort").ClickAsync(new());

        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("#delete-removes li")), Patience);
        Assert.Contains("Delete cohort “small”?", dialogs.Markup);
        Assert.Equal(["the cohort “small”", "3 columns", "1 model version (1 model, edits included)"],
            dialogs.FindAll("#delete-removes li").Select(li => li.TextContent.Trim()));
        Assert.Contains("the audit trail", dialogs.Find("#delete-keeps").TextContent);
        Assert.NotNull(await Store.FindCohortAsync(cohort)); // nothing happens before the confirmation

        await dialogs.Find("#confirm-delete").ClickAsync(new());
        await clicking.WaitAsync(Patience);

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("#confirm-delete")), Patience);
        Assert.Null(await Store.FindCohortAsync(cohort));
        Assert.Null(await Store.FindModelAsync(model));
        Assert.EndsWith("/cohorts", Ctx.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task Cancelling_the_dialog_deletes_nothing()
    {
        var (_, model) = await CohortWithModelAsync();
        var dialogs = Ctx.Render<MudDialogProvider>();
        var page = Ctx.Render<ModelPage>(p => p.Add(c => c.Id, model));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#delete-model")), Patience);

        var clicking = page.Find("#delete-model").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("#cancel-delete")), Patience);
        Assert.Equal("the model “smm model”", dialogs.Find("#delete-removes li").TextContent.Trim());
        await dialogs.Find("#cancel-delete").ClickAsync(new());
        await clicking.WaitAsync(Patience);

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("#cancel-delete")), Patience);
        Assert.NotNull(await Store.FindModelAsync(model));
    }

    [Fact]
    public async Task While_a_fit_runs_on_the_cohort_the_dialog_says_so_and_the_delete_is_refused_until_it_is_cancelled()
    {
        var (cohort, _) = await CohortWithModelAsync();
        Store.HoldNewFits = true;
        var fits = Ctx.Services.GetRequiredService<FitJobService>();
        var job = fits.Start(cohort, "long fit", new ModelSpecification { Outcome = "smm", Features = ["hemoglobin_g_dl"] });
        var dialogs = Ctx.Render<MudDialogProvider>();
        var page = Ctx.Render<CohortDetail>(p => p.Add(c => c.Id, cohort));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#delete-cohort")), Patience);

        _ = page.Find("#delete-cohort").ClickAsync(new()); // left open: the dialog is only looked at

        dialogs.WaitForAssertion(() => Assert.Contains("“long fit”", dialogs.Find("#delete-blocked").TextContent), Patience);
        Assert.True(dialogs.Find("#confirm-delete").HasAttribute("disabled"));
        var deletions = Ctx.Services.GetRequiredService<DeletionService>();
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => deletions.DeleteCohortAsync(cohort));
        Assert.Contains("cancel it under Fit jobs", refused.Message);
        Assert.NotNull(await Store.FindCohortAsync(cohort));

        fits.Cancel(job.Id);
        for (int i = 0; i < 100 && job.IsActive; i++) await Task.Delay(50);
        Assert.Equal(FitStatus.Cancelled, job.Status);
        Assert.Equal("cohort", (await deletions.DeleteCohortAsync(cohort)).Kind);
        Assert.Null(await Store.FindCohortAsync(cohort));
        Assert.Empty(fits.Jobs(cohort)); // the finished job no longer links to a cohort that is gone
    }
}
