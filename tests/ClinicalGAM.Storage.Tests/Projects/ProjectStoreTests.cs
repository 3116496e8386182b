using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.Storage.Tests.Projects;

/// <summary>Projects and members: a project always keeps an owner; only members can make it their current one; rows are stamped with the acting project.</summary>
public sealed class ProjectStoreTests
{
    private const string Password = "Correct-Horse-42-battery";

    private static async Task<(TestDatabase Db, ServiceProvider Services, ProjectStore Projects, Dictionary<string, string> Ids)> SetUpAsync()
    {
        var db = await TestDatabase.CreateAsync();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(new ManualClock()).AddClinicalGamStorage(db.ConnectionString);
        services.AddClinicalGamAccounts();
        var provider = services.BuildServiceProvider();
        var accounts = provider.GetRequiredService<AccountStore>();
        foreach (var email in new[] { "owner@p.example", "member@p.example" })
            Assert.True((await accounts.CreateUserAsync(email, Password, false, "test", "test")).Succeeded);
        var ids = (await accounts.ListAsync()).ToDictionary(a => a.Email, a => a.Id);
        return (db, provider, provider.GetRequiredService<ProjectStore>(), ids);
    }

    [Fact]
    public async Task A_project_keeps_an_owner_and_members_change_roles_by_email()
    {
        var (db, services, projects, ids) = await SetUpAsync();
        await using var _ = db;
        await using var __ = services;
        int id = await projects.CreateAsync("Study", ids["owner@p.example"]);

        Assert.False(await projects.SetMemberAsync(id, "nobody@p.example", ProjectRole.Viewer));
        Assert.True(await projects.SetMemberAsync(id, " MEMBER@p.example ", ProjectRole.Viewer)); // e-mail matched as Identity normalises it
        Assert.Equal(ProjectRole.Viewer, (await projects.ListForUserAsync(ids["member@p.example"])).Single().Role);

        await Assert.ThrowsAsync<InvalidOperationException>(() => projects.RemoveMemberAsync(id, ids["owner@p.example"]));
        await Assert.ThrowsAsync<InvalidOperationException>(() => projects.SetMemberAsync(id, "owner@p.example", ProjectRole.Analyst));
        Assert.True(await projects.SetMemberAsync(id, "member@p.example", ProjectRole.Owner));
        Assert.True(await projects.RemoveMemberAsync(id, ids["owner@p.example"])); // another owner now exists
        Assert.Equal(["member@p.example Owner"], (await projects.MembersAsync(id)).Select(m => $"{m.Email} {m.Role}"));
    }

    [Fact]
    public async Task Only_a_members_project_can_be_current_and_new_rows_belong_to_the_acting_project()
    {
        var (db, services, projects, ids) = await SetUpAsync();
        await using var _ = db;
        await using var __ = services;
        int mine = await projects.CreateAsync("Mine", ids["owner@p.example"]);
        int theirs = await projects.CreateAsync("Theirs", ids["member@p.example"]);

        Assert.False(await projects.SetCurrentAsync(ids["owner@p.example"], theirs));
        Assert.True(await projects.SetCurrentAsync(ids["owner@p.example"], mine));
        Assert.Equal(mine, (await projects.CurrentAsync(ids["owner@p.example"]))!.ProjectId);

        int cohort;
        using (ProjectScope.Enter(new ProjectScope(mine, ProjectRole.Owner, "owner@p.example", false, ids["owner@p.example"])))
            cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "mine", null);
        using (ProjectScope.Enter(new ProjectScope(theirs, ProjectRole.Owner, "member@p.example", false, ids["member@p.example"])))
        {
            Assert.Null(await db.Cohorts.GetSummaryAsync(cohort));
            await Assert.ThrowsAsync<KeyNotFoundException>(() => db.Cohorts.LoadAsync(cohort));
            Assert.Empty(await db.Cohorts.ListAsync());
        }
        using (ProjectScope.Enter(new ProjectScope(0, ProjectRole.None, "nobody", false)))
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "nowhere", null));
        Assert.Equal("mine", (await db.Cohorts.GetSummaryAsync(cohort))!.Name); // outside any scope: everything
    }
}
