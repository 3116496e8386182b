using System.Net;
using ClinicalGAM.Storage;
using ClinicalGAM.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.EndToEnd.Tests.Access;

// Deleting: only a project's owners, only their own project's cohorts and models, and the trail stays readable after.
public sealed partial class AccessTests
{
    // A throwaway cohort (a copy of Alpha's, uploaded through the app) with one model, so deletes leave the shared ones.
    private async Task<(int Cohort, int Model)> ThrowawayAsync(string name)
    {
        using var _ = ProjectScope.Enter(await app.ScopeOfAccountAsync(TeamModeApp.Alice));
        var store = app.Services.GetRequiredService<IWorkbenchStore>();
        var table = await store.LoadCohortAsync(app.AlphaCohort);
        int cohort = await app.Services.GetRequiredService<CohortService>().SaveAsync(table, name, $"{name}.csv");
        var entry = (await store.FindModelAsync(app.AlphaModel))!;
        int model = await store.SaveModelAsync(cohort, $"{name} model", entry.Model, entry.Specification, entry.Metrics);
        return (cohort, model);
    }

    [Theory]
    [InlineData(TeamModeApp.Vic, ProjectRole.Viewer)]
    [InlineData(TeamModeApp.Ann, ProjectRole.Analyst)]
    public async Task A_viewer_or_an_analyst_cannot_delete_a_cohort_or_model_and_both_stay(string email, ProjectRole role)
    {
        var (cohort, model) = await ThrowawayAsync($"kept from {role}");
        var scope = await app.ScopeOfAccountAsync(email);
        Assert.Equal((app.AlphaProject, role), (scope.ProjectId, scope.Role)); // the role the database gives, not one made up here

        using (ProjectScope.Enter(scope))
        {
            var deletions = app.Services.GetRequiredService<DeletionService>();
            var store = app.Services.GetRequiredService<IWorkbenchStore>();
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => deletions.DeleteCohortAsync(cohort));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => deletions.DeleteModelAsync(model));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => deletions.PreviewCohortAsync(cohort));
            // Behind the service, the store refuses as well (a page calling it directly gains nothing).
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => store.DeleteCohortAsync(cohort));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => store.DeleteModelAsync(model));
            Assert.NotNull(await store.FindCohortAsync(cohort));
            Assert.NotNull(await store.FindModelAsync(model));
        }
        var trail = await app.Services.GetRequiredService<AuditStore>().ListAsync(cohortId: cohort);
        Assert.DoesNotContain(trail, a => a.Action == "delete");
    }

    [Fact]
    public async Task The_owner_of_project_Bravo_cannot_delete_project_Alphas_cohort_or_model_by_its_id()
    {
        var (cohort, model) = await ThrowawayAsync("guessed by bob");
        var bob = await app.ScopeOfAccountAsync(TeamModeApp.Bob);
        Assert.Equal((app.BravoProject, ProjectRole.Owner), (bob.ProjectId, bob.Role));

        using (ProjectScope.Enter(bob))
        {
            var deletions = app.Services.GetRequiredService<DeletionService>();
            await Assert.ThrowsAsync<KeyNotFoundException>(() => deletions.PreviewCohortAsync(cohort));
            await Assert.ThrowsAsync<KeyNotFoundException>(() => deletions.DeleteCohortAsync(cohort));
            await Assert.ThrowsAsync<KeyNotFoundException>(() => deletions.DeleteModelAsync(model));
            await Assert.ThrowsAsync<KeyNotFoundException>(() => deletions.DeleteCohortAsync(app.AlphaCohort));
        }
        using (ProjectScope.Enter(await app.ScopeOfAccountAsync(TeamModeApp.Alice)))
        {
            var store = app.Services.GetRequiredService<IWorkbenchStore>();
            Assert.NotNull(await store.FindCohortAsync(cohort));
            Assert.NotNull(await store.FindModelAsync(model));
            Assert.NotNull(await store.FindCohortAsync(app.AlphaCohort));
        }
        var trail = await app.Services.GetRequiredService<AuditStore>().ListAsync();
        Assert.DoesNotContain(trail, a => a.Action == "delete" && a.Who == TeamModeApp.Bob);
    }

    [Fact]
    public async Task The_owner_deletes_a_model_then_its_cohort_and_the_audit_csv_still_lists_the_upload_and_both_deletes()
    {
        var (cohort, model) = await ThrowawayAsync("Alpha throwaway");
        using (ProjectScope.Enter(await app.ScopeOfAccountAsync(TeamModeApp.Alice)))
        {
            var deletions = app.Services.GetRequiredService<DeletionService>();
            var preview = await deletions.PreviewCohortAsync(cohort);
            Assert.Equal(1, preview.Contents.Models);
            Assert.Equal("Alpha throwaway model v1", (await deletions.DeleteModelAsync(model)).Name);
            Assert.Equal(0, (await deletions.DeleteCohortAsync(cohort)).Models);
        }

        var alice = await app.SignedInAsync(TeamModeApp.Alice);
        Assert.Contains("There is no cohort", await alice.GetStringAsync($"/cohorts/{cohort}"));
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"/models/{model}/model.json")).StatusCode);

        var rows = (await alice.GetStringAsync("/audit.csv")).Split('\n')
            .Where(line => line.EndsWith($",{cohort},", StringComparison.Ordinal) || line.EndsWith($",{cohort},{model}", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(rows, r => r.Contains(",upload,Alpha throwaway,", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains($"{TeamModeApp.Alice},test client,delete,Alpha throwaway model v1,", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains($"{TeamModeApp.Alice},test client,delete,Alpha throwaway,cohort deleted with", StringComparison.Ordinal));
        // Bravo's owner does not read Alpha's deletes.
        var bob = await app.SignedInAsync(TeamModeApp.Bob);
        Assert.DoesNotContain("Alpha throwaway", await bob.GetStringAsync("/audit.csv"));
    }
}
