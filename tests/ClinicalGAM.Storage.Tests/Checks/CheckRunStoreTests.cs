using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.Storage.Tests.Checks;

public sealed class CheckRunStoreTests
{
    [Fact]
    public async Task A_check_is_recorded_running_when_it_starts_and_closed_once_when_it_ends()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        var model = await db.Models.SaveAsync(TestModels.New(cohort, "m"));

        int run = await db.Checks.StartAsync(model.Id, CheckRunRecord.Goodhart, "ann");
        var started = (await db.Checks.GetAsync(run))!;
        Assert.Equal((CheckRunStatus.Running, "ann", null), (started.Status, started.StartedBy, started.FinishedUtc));

        db.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.True(await db.Checks.EndAsync(run, CheckRunStatus.Finished, "2 flags"));
        Assert.False(await db.Checks.EndAsync(run, CheckRunStatus.Failed, "too late")); // ended runs never change

        var ended = (await db.Checks.GetAsync(run))!;
        Assert.Equal((CheckRunStatus.Finished, "2 flags"), (ended.Status, ended.Message));
        Assert.Equal(started.StartedUtc.AddMinutes(3), ended.FinishedUtc);
        await Assert.ThrowsAsync<ArgumentException>(() => db.Checks.EndAsync(run, CheckRunStatus.Interrupted));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => db.Checks.StartAsync(model.Id + 99, CheckRunRecord.Goodhart, "ann"));
    }

    [Fact]
    public async Task Checks_left_running_by_a_crash_are_interrupted_at_the_next_start_and_ended_ones_are_not()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        var first = await db.Models.SaveAsync(TestModels.New(cohort, "first"));
        var second = await db.Models.SaveAsync(TestModels.New(cohort, "second"));
        int done = await db.Checks.StartAsync(first.Id, CheckRunRecord.Goodhart, "ann");
        await db.Checks.EndAsync(done, CheckRunStatus.Finished);
        int killed = await db.Checks.StartAsync(first.Id, CheckRunRecord.Goodhart, "ann");
        int alsoKilled = await db.Checks.StartAsync(second.Id, CheckRunRecord.Goodhart, "ben");

        await using var restarted = db.Restart();
        var startup = await restarted.GetRequiredService<DatabaseInitializer>().InitializeAsync();

        Assert.Equal(2, startup.InterruptedChecks);
        Assert.Equal(CheckRunStatus.Finished, (await db.Checks.GetAsync(done))!.Status);
        var latest = (await db.Checks.LatestAsync(first.Id, CheckRunRecord.Goodhart))!;
        Assert.Equal((killed, CheckRunStatus.Interrupted), (latest.Id, latest.Status));
        Assert.NotNull(latest.FinishedUtc);
        Assert.Equal(CheckRunStatus.Interrupted, (await db.Checks.GetAsync(alsoKilled))!.Status);
        Assert.False(await db.Checks.EndAsync(killed, CheckRunStatus.Finished)); // a late end from the dead process is ignored
        Assert.Null(await db.Checks.LatestAsync(first.Id, "another-check"));
    }

    [Fact]
    public async Task A_projects_check_runs_are_invisible_from_another_project()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        var model = await db.Models.SaveAsync(TestModels.New(cohort, "m"));
        await db.Checks.StartAsync(model.Id, CheckRunRecord.Goodhart, "ann"); // default project (no scope)

        using (ProjectScope.Enter(new ProjectScope(ProjectRecord.DefaultId + 1, ProjectRole.Owner, "eve", false)))
            Assert.Null(await db.Checks.LatestAsync(model.Id, CheckRunRecord.Goodhart));
        using (ProjectScope.Enter(new ProjectScope(ProjectRecord.DefaultId, ProjectRole.Viewer, "vic", false)))
            Assert.NotNull(await db.Checks.LatestAsync(model.Id, CheckRunRecord.Goodhart));
    }
}
