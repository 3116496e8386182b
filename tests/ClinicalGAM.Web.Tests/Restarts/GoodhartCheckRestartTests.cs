using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Storage;
using ClinicalGAM.Web.Services;
using Microsoft.Data.Sqlite;

namespace ClinicalGAM.Web.Tests.Restarts;

/// <summary>
/// A Goodhart check is on record from its start: one that ends is closed with its outcome; one the server did not live
/// to finish is shown as interrupted after the restart, the earlier saved check is untouched, and a re-run completes.
/// </summary>
public sealed class GoodhartCheckRestartTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"web-check-{Guid.NewGuid():N}");
    private string DatabasePath => Path.Combine(_dir, "app.db");
    private static readonly Dictionary<string, string?> Settings = new() { ["ClinicalGam:MaxConcurrentFits"] = "1" };

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private static async Task<FlagRun> CheckAsync(FlagService flags, ModelEntry entry)
    {
        var run = flags.Start(entry);
        for (int i = 0; i < 1200 && run.IsRunning; i++) await Task.Delay(50);
        Assert.False(run.IsRunning);
        Assert.Null(run.Error);
        return run;
    }

    [Fact]
    public async Task A_check_cut_short_by_a_crash_is_interrupted_after_the_restart_and_a_re_run_completes()
    {
        int modelId;
        FlagCheck saved;
        await using (var before = new RestartableServer(DatabasePath, Settings))
        {
            await before.StartAsync(accountsOn: false);
            int cohort = await before.Store.SaveCohortAsync(TestModels.Cohort200(), "c200", "test");
            var fit = before.Get<FitJobService>().Start(cohort, "m", new ModelSpecification
            {
                Outcome = "smm", Features = ["hemoglobin_g_dl", "delivery_mode"], Engine = TrainerCatalog.Ebm, Bags = 2, Interactions = 0, Seed = 5,
            });
            for (int i = 0; i < 1200 && fit.IsActive; i++) await Task.Delay(50);
            modelId = fit.ModelId!.Value;
            var flags = before.Get<FlagService>();
            await CheckAsync(flags, (await before.Store.FindModelAsync(modelId))!);

            var first = (await flags.LatestRunAsync(modelId))!;
            Assert.Equal(CheckRunStatus.Finished, first.Status);
            Assert.Matches(@"^\d+ flags, \d+ not testable$", first.Message);
            saved = (await flags.LatestAsync(modelId))!;

            // A second check is on record as running when the process dies (as FlagService records it before analysing).
            await before.Store.StartCheckAsync(modelId, CheckRunRecord.Goodhart);
            before.Crash();
        }

        await using var after = new RestartableServer(DatabasePath, Settings);
        var (startup, _) = await after.StartAsync(accountsOn: false);
        Assert.Equal(1, startup.InterruptedChecks);
        var service = after.Get<FlagService>();
        var interrupted = (await service.LatestRunAsync(modelId))!;
        Assert.True(interrupted.WasInterrupted);
        var kept = (await service.LatestAsync(modelId))!;
        Assert.Equal((saved.RunUtc, saved.Flags.Count), (kept.RunUtc, kept.Flags.Count)); // no half-saved flag set
        Assert.Contains("was interrupted (server stopped)", InterruptedCheckNotice.For(interrupted, service.Find(modelId), kept));

        var rerun = await CheckAsync(service, (await after.Store.FindModelAsync(modelId))!);
        var latest = (await service.LatestRunAsync(modelId))!;
        Assert.Equal(CheckRunStatus.Finished, latest.Status);
        Assert.True(latest.Id > interrupted.Id);
        Assert.Null(InterruptedCheckNotice.For(latest, rerun, await service.LatestAsync(modelId)));
        Assert.True((await service.LatestAsync(modelId))!.RunUtc > saved.RunUtc);
    }
}
