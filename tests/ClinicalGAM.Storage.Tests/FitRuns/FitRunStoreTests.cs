using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.Storage.Tests.FitRuns;

public sealed class FitRunStoreTests
{
    [Fact]
    public async Task A_run_goes_from_queued_to_running_to_succeeded_with_its_model()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        int run = await db.Runs.CreateAsync(cohort, """{"outcome":"smm"}""");
        Assert.Equal(FitRunStatus.Queued, (await db.Runs.GetAsync(run))!.Status);

        Assert.True(await db.Runs.MarkRunningAsync(run));
        var model = await db.Models.SaveAsync(TestModels.New(cohort, "m"));
        Assert.True(await db.Runs.MarkSucceededAsync(run, model.Id));

        var done = (await db.Runs.GetAsync(run))!;
        Assert.Equal((FitRunStatus.Succeeded, model.Id, 1.0), (done.Status, done.ModelId, done.Progress));
        Assert.NotNull(done.StartedUtc);
        Assert.NotNull(done.FinishedUtc);
        Assert.True(done.IsFinished);
    }

    [Fact]
    public async Task A_finished_run_cannot_change_again()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        int run = await db.Runs.CreateAsync(cohort, "{}");
        await db.Runs.MarkRunningAsync(run);

        Assert.True(await db.Runs.MarkCancelledAsync(run));
        Assert.False(await db.Runs.MarkFailedAsync(run, "late error"));
        Assert.False(await db.Runs.MarkRunningAsync(run));

        var r = (await db.Runs.GetAsync(run))!;
        Assert.Equal(FitRunStatus.Cancelled, r.Status);
        Assert.Null(r.ErrorMessage);
    }

    [Fact]
    public async Task A_failure_keeps_its_error_message()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        int run = await db.Runs.CreateAsync(cohort, "{}");
        await db.Runs.MarkRunningAsync(run);

        await db.Runs.MarkFailedAsync(run, "Outcome 'smm' has 3 distinct values; a binary outcome needs 2.");

        var r = (await db.Runs.GetAsync(run))!;
        Assert.Equal(FitRunStatus.Failed, r.Status);
        Assert.Equal("Outcome 'smm' has 3 distinct values; a binary outcome needs 2.", r.ErrorMessage);
    }

    [Fact]
    public async Task Progress_is_written_at_most_twice_a_second_unless_the_stage_changes()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        int run = await db.Runs.CreateAsync(cohort, "{}");
        await db.Runs.MarkRunningAsync(run);

        Assert.True(await db.Runs.ReportProgressAsync(run, 0.10, "bag 1 of 14"));
        Assert.False(await db.Runs.ReportProgressAsync(run, 0.11, "bag 1 of 14"));
        Assert.Equal(0.10, (await db.Runs.GetAsync(run))!.Progress);

        Assert.True(await db.Runs.ReportProgressAsync(run, 0.12, "bag 2 of 14")); // new stage: written at once
        db.Clock.Advance(FitRunStore.ProgressInterval);
        Assert.True(await db.Runs.ReportProgressAsync(run, 0.20, "bag 2 of 14"));

        var r = (await db.Runs.GetAsync(run))!;
        Assert.Equal((0.20, "bag 2 of 14"), (r.Progress, r.Stage));
    }

    [Fact]
    public async Task Progress_never_goes_backwards_when_reports_arrive_out_of_order()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        int run = await db.Runs.CreateAsync(cohort, "{}");
        await db.Runs.MarkRunningAsync(run);

        Assert.True(await db.Runs.ReportProgressAsync(run, 0.5, "bag 7 of 14"));
        Assert.False(await db.Runs.ReportProgressAsync(run, 0.3, "bag 5 of 14"));

        var r = (await db.Runs.GetAsync(run))!;
        Assert.Equal((0.5, "bag 7 of 14"), (r.Progress, r.Stage));
    }

    [Fact]
    public async Task Progress_of_a_run_that_is_not_running_is_not_recorded()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        int run = await db.Runs.CreateAsync(cohort, "{}");

        Assert.False(await db.Runs.ReportProgressAsync(run, 0.2, "binning")); // still queued
        await db.Runs.MarkRunningAsync(run);
        await db.Runs.MarkCancelledAsync(run);
        Assert.False(await db.Runs.ReportProgressAsync(run, 0.9, "bag 14 of 14"));

        Assert.Equal(0.0, (await db.Runs.GetAsync(run))!.Progress);
    }

    [Fact]
    public async Task Runs_left_open_by_a_crash_are_marked_failed_at_the_next_start()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        int running = await db.Runs.CreateAsync(cohort, "{}");
        await db.Runs.MarkRunningAsync(running);
        await db.Runs.ReportProgressAsync(running, 0.4, "bag 6 of 14");
        int queued = await db.Runs.CreateAsync(cohort, "{}");
        int finished = await db.Runs.CreateAsync(cohort, "{}");
        await db.Runs.MarkRunningAsync(finished);
        await db.Runs.MarkFailedAsync(finished, "bad outcome");

        await using var restarted = db.Restart();
        var startup = await restarted.GetRequiredService<DatabaseInitializer>().InitializeAsync();

        Assert.Equal(2, startup.InterruptedRuns);
        foreach (int id in new[] { running, queued })
        {
            var r = (await db.Runs.GetAsync(id))!;
            Assert.Equal((FitRunStatus.Failed, FitRunStore.InterruptedMessage), (r.Status, r.ErrorMessage));
            Assert.NotNull(r.FinishedUtc);
        }
        Assert.Equal(0.4, (await db.Runs.GetAsync(running))!.Progress);
        Assert.Equal("bad outcome", (await db.Runs.GetAsync(finished))!.ErrorMessage);
        Assert.Empty(await db.Runs.ListActiveAsync());
    }
}
