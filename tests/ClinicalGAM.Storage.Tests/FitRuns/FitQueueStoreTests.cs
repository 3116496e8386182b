using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.Storage.Tests.FitRuns;

/// <summary>The fit queue survives a restart: queued fits keep what the user asked for and stay queued, in order.</summary>
public sealed class FitQueueStoreTests
{
    private static QueuedFit Fit(int cohort, string name, string who = "ann", string? userId = "u-ann") =>
        new(cohort, """{"outcome":"smm"}""", name, 0.25, 5, who, userId);

    [Fact]
    public async Task Queued_fits_survive_a_restart_in_their_order_while_running_ones_are_interrupted()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        int running = await db.Runs.QueueAsync(Fit(cohort, "running"));
        await db.Runs.MarkRunningAsync(running);
        int second = await db.Runs.QueueAsync(Fit(cohort, "second", "ben", "u-ben"));
        int third = await db.Runs.QueueAsync(Fit(cohort, "third"));
        int old = await db.Runs.CreateAsync(cohort, "{}"); // recorded without what a restart needs (older versions)

        await using var restarted = db.Restart();
        var startup = await restarted.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var store = restarted.GetRequiredService<FitRunStore>();

        Assert.Equal(2, startup.InterruptedRuns); // the running one and the old queued one
        Assert.Equal(FitRunStore.InterruptedMessage, (await store.GetAsync(running))!.ErrorMessage);
        Assert.Equal(FitRunStatus.Failed, (await store.GetAsync(old))!.Status);
        var queue = await store.ListResumableAsync();
        Assert.Equal([second, third], queue.Select(r => r.Id));
        var s = queue[0];
        Assert.Equal(("second", 0.25, 5, "ben", "u-ben", FitRunStatus.Queued), (s.Name, s.TestFraction, s.CrossValidationFolds, s.StartedBy, s.StartedByUserId, s.Status));
        Assert.True(s.IsResumable);
        Assert.Equal([running, old], (await store.ListInterruptedAsync()).Select(r => r.Id).Order());
    }

    [Fact]
    public async Task The_queue_resumes_in_the_order_fits_took_their_place_not_the_order_their_records_were_written()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        var t0 = new DateTime(2026, 12, 4, 9, 0, 0, DateTimeKind.Utc);
        int second = await db.Runs.QueueAsync(Fit(cohort, "second") with { QueuedUtc = t0.AddTicks(1) }); // written first
        int first = await db.Runs.QueueAsync(Fit(cohort, "first") with { QueuedUtc = t0 });
        int third = await db.Runs.QueueAsync(Fit(cohort, "third") with { QueuedUtc = t0.AddSeconds(1) });

        Assert.Equal([first, second, third], (await db.Runs.ListResumableAsync()).Select(r => r.Id));
    }

    [Fact]
    public async Task A_resumed_fit_leaves_the_queue_once_running_and_a_cancelled_one_never_returns()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        int first = await db.Runs.QueueAsync(Fit(cohort, "first"));
        int second = await db.Runs.QueueAsync(Fit(cohort, "second"));

        Assert.True(await db.Runs.MarkRunningAsync(first));
        Assert.True(await db.Runs.MarkCancelledAsync(second));

        Assert.Empty(await db.Runs.ListResumableAsync());
    }

    [Fact]
    public async Task Each_project_sees_only_its_own_queued_fits_and_start_up_sees_all()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        int mine = await db.Runs.QueueAsync(Fit(cohort, "default project's"));
        int theirs;
        using (ProjectScope.Enter(new ProjectScope(7, ProjectRole.Analyst, "zoe", false)))
            theirs = await db.Runs.QueueAsync(Fit(cohort, "project 7's", "zoe", "u-zoe"));

        Assert.Equal([mine, theirs], (await db.Runs.ListResumableAsync()).Select(r => r.Id)); // no scope: start-up
        Assert.Equal(7, (await db.Runs.GetAsync(theirs))!.ProjectId);
        using (ProjectScope.Enter(new ProjectScope(7, ProjectRole.Viewer, "vic", false)))
            Assert.Equal([theirs], (await db.Runs.ListResumableAsync()).Select(r => r.Id));
    }
}
