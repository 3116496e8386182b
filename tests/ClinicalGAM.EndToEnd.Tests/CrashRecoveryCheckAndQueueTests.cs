using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static ClinicalGAM.EndToEnd.Tests.CrashDatabase;

namespace ClinicalGAM.EndToEnd.Tests;

/// <summary>
/// SIGKILL of the real server during a Goodhart check, with one fit running and a second waiting in the persisted queue
/// (one fit slot). After the restart: SQLite's integrity check passes; the cohort, models and finished flag sets saved
/// before are unchanged (ids, stored values' hash, model JSON, every flag); the model page names the interrupted check
/// and its re-run ends finished; the waiting fit runs by itself to a saved model; the running one is shown interrupted.
/// Every wait is on a state the server reports (its database, then the page), never on a delay, and the kill follows
/// the check's "running" record at once: the check and the fits are long by construction (a 20,000-row cohort with a
/// calendar time axis, a 20-fold cross-validated 50-bag fit), and the test fails saying so if they ever end before it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CrashRecoveryCheckAndQueueTests(AppServerFixture shared, ITestOutputHelper output)
{
    /// <summary>
    /// Deliveries in the crash cohort: a Goodhart check tests each biomarker at clinical cut-offs and scans it over every
    /// candidate year of delivery_year (placebo periods too), work that grows with the rows: seconds on an idle machine.
    /// </summary>
    private const int CohortRows = 20_000;
    /// <summary>Seed of the crash cohort (SmmCohortGenerator: the same seed writes the same file).</summary>
    private const int CohortSeed = 20261204;
    private const string RunningFit = "crash: running fit";
    private const string QueuedFit = "crash: queued fit";

    [SkippableFact]
    public async Task Killing_the_server_during_a_Goodhart_check_with_a_fit_queued_loses_nothing_and_the_queue_resumes()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"clinicalgam-crash-check-{Guid.NewGuid():N}");
        await using var app = new AppProcess(dir, shared.RepoRoot);
        app.Settings["ClinicalGam__MaxConcurrentFits"] = "1"; // one fit at a time: a second one waits in the queue
        string db = app.DatabasePath;
        var clock = Stopwatch.StartNew();
        try
        {
            await app.StartAsync();

            // 1. Saved before the crash: a small cohort with a model and a finished Goodhart check (a flag set), then the
            //    large cohort and the model whose check will be killed.
            var page = await OpenAsync(app, "/upload");
            await AppServerFixture.SaveCohortAsync(page, TestCohorts.WriteSmall(dir, 7, "saved_before.csv"), app.Log);
            string checkedPath = new Uri(await AppServerFixture.FitSmallModelAsync(page)).AbsolutePath; // the port changes with each restart
            await page.Context.CloseAsync();
            int checkedId = ModelId(checkedPath);
            page = await OpenAsync(app, checkedPath);
            await page.ClickAsync("#flags-button");
            await WaitForAsync(() => LatestCheck(db, checkedId), c => c is { Status: not "Running" }, TimeSpan.FromMinutes(2), "the first check to end");
            Assert.Equal("Finished", LatestCheck(db, checkedId)!.Value.Status);
            await page.Context.CloseAsync();

            page = await OpenAsync(app, "/upload");
            await AppServerFixture.SaveCohortAsync(page, TestCohorts.WriteSmm(dir, CohortRows, CohortSeed, "crash_deliveries.csv"), app.Log);
            string cohortPath = new Uri(page.Url).AbsolutePath;
            string modelPath = new Uri(await AppServerFixture.FitSmallModelAsync(page)).AbsolutePath;
            int modelId = ModelId(modelPath);
            await page.Context.CloseAsync();
            var saved = Read(db);
            Assert.Equal((2, 2, 1), (saved.Cohorts.Count, saved.Models.Count, saved.FlagSets.Count));
            Log(clock, $"saved: a 1,500-row cohort, its model and a flag set of {saved.Flags.Count} " +
                $"({string.Join(", ", saved.Flags.Select(f => $"{f.Kind} {f.Feature}"))}); a {CohortRows:N0}-row cohort and its model");

            // 2. One fit running (20-fold cross-validation of a 100-bag model with 60 pairs: many minutes; 50 bags and 10 pairs
            //    ended before the kill on an idle machine), a second one waiting for the slot, then the check. The three
            //    pages are opened and filled in first: while the long fit holds both cores of a 2-core machine, a new
            //    page (download, prerender, circuit start) has taken over 120 s to turn interactive (twice in four
            //    clean-clone runs), while clicks on open pages are handled within seconds.
            var running = await OpenAsync(app, cohortPath + "/fit");
            await AppServerFixture.SetFieldsAsync(running, ("Bags", "100"), ("Pairwise interactions", "60"), ("Model name", RunningFit));
            await running.ClickAsync("#cv-switch");
            await AppServerFixture.SetFieldsAsync(running, ("Folds (k)", "20"));
            var waiting = await OpenAsync(app, cohortPath + "/fit");
            await AppServerFixture.SetFieldsAsync(waiting, ("Bags", "2"), ("Pairwise interactions", "0"), ("Model name", QueuedFit));
            var model = await OpenAsync(app, modelPath);
            await model.Locator("#flags-button").WaitForAsync();

            await running.ClickAsync("#start-fit");
            var longRun = await WaitForAsync(() => FitRun(db, RunningFit), r => r is { Status: not "Queued" }, TimeSpan.FromMinutes(3), "the long fit to start");
            Assert.Equal("Running", longRun!.Status);
            await running.Context.CloseAsync(); // the fit runs on the server, not in the page

            await waiting.ClickAsync("#start-fit");
            var queuedRun = await WaitForAsync(() => FitRun(db, QueuedFit), r => r is not null, TimeSpan.FromMinutes(3), "the second fit to join the queue");
            await waiting.Context.CloseAsync();
            Log(clock, $"fit run #{longRun.Id} running, #{queuedRun!.Id} queued");

            // 3. The check again; SIGKILL as soon as the server has it on record as running.
            var recordedCheck = await ClickUntilCheckRecordedAsync(model, db, modelId, app.Log, clock);
            Skip.If(recordedCheck is null, "Three clicks on Check again, a minute each with a page reload between, did not reach " +
                "the server while the long fit held both cores, so this run could not test a kill during a check (seen in full " +
                "clean-clone runs on the 2-core machine, not in runs of this test alone; the output above says what the page showed).");
            var (check, clickReturned) = recordedCheck!.Value;
            await app.KillAsync();
            Log(clock, $"killed with check #{check.Id} {check.Status}; the click had {(clickReturned ? "" : "not yet ")}returned");
            await model.Context.CloseAsync();

            // What the server had on record when it died: the check, the running fit and the waiting one all unfinished.
            // A run where the check or the long fit ended before the kill tests nothing of what it is for: it is reported
            // as skipped, saying which, not as passed (on the 2-core machine the check, 8-12 s idle, once ended unseen).
            const string tooFast = "ended before the kill, so this run could not test a kill during it (make the work longer: more rows, folds or bags)";
            var atKill = LatestCheck(db, modelId)!.Value;
            Skip.If(atKill.Status != "Running", $"The check {tooFast}; it says {atKill.Status}.");
            string longFitStatus = FitRun(db, RunningFit)!.Status;
            Skip.If(longFitStatus != "Running", $"The long fit {tooFast}; its run says {longFitStatus}.");
            Assert.Equal("Queued", FitRun(db, QueuedFit)!.Status);
            var killed = AssertIntact(db, saved);
            Assert.Equal(saved.FlagSets, killed.FlagSets); // no half-saved flag set
            Assert.Equal(saved.Models, killed.Models);

            // 4. Restart: the check is marked interrupted, the running fit too, and the waiting one resumes by itself.
            await app.StartAsync();
            Log(clock, "restarted");
            Assert.Equal((check.Id, "Interrupted"), LatestCheck(db, modelId)!.Value);
            Assert.StartsWith("interrupted by restart", FitRun(db, RunningFit)!.Error);

            page = await OpenAsync(app, modelPath);
            var notice = page.Locator("#check-interrupted");
            await notice.WaitForAsync();
            Assert.Matches(@"The Goodhart check started at \d{4}-\d\d-\d\d \d\d:\d\d UTC .*was interrupted \(server stopped\)", await notice.InnerTextAsync());
            await page.Locator("#flags-panel").ScreenshotAsync(new() { Path = Path.Combine(shared.ArtifactsDir, "41-interrupted-goodhart-check.png") });
            await page.ClickAsync("#rerun-check");
            var rerun = await WaitForAsync(() => LatestCheck(db, modelId), c => c!.Value.Id > check.Id && c.Value.Status != "Running",
                TimeSpan.FromMinutes(5), "the re-run check to end");
            Assert.Equal("Finished", rerun!.Value.Status);
            await notice.WaitForAsync(new() { State = WaitForSelectorState.Detached });
            await page.Locator("#no-flags, .goodhart-flag").First.WaitForAsync();
            await page.Context.CloseAsync();
            Log(clock, $"re-run check #{rerun.Value.Id} finished in {CheckSeconds(db, modelId).Single():0.0} s");

            var resumed = await WaitForAsync(() => FitRun(db, QueuedFit), r => r!.Status is not ("Queued" or "Running"),
                TimeSpan.FromMinutes(5), "the queued fit to end");
            Assert.Equal((queuedRun.Id, "Succeeded"), (resumed!.Id, resumed.Status)); // the same request, not a new one
            var after = AssertIntact(db, saved);
            Assert.Equal(modelId, after.FlagSets.Except(saved.FlagSets).Single().ModelId);
            Assert.Equal(saved.Models.Select(m => m.Id).Append(resumed.ModelId!.Value), after.Models.Select(m => m.Id));
            Log(clock, $"queued fit #{resumed.Id} resumed and saved model #{resumed.ModelId}");

            page = await OpenAsync(app, "/fits");
            var job = page.Locator(".fit-job[data-status='Succeeded']", new() { HasText = QueuedFit });
            await job.WaitForAsync();
            Assert.Contains("resumed at restart", await job.InnerTextAsync());
            var cut = page.Locator($".interrupted-fit[data-run='{longRun.Id}']");
            await cut.WaitForAsync();
            Assert.Contains("interrupted by a server restart", await cut.InnerTextAsync());
            await page.ScreenshotAsync(new() { Path = Path.Combine(shared.ArtifactsDir, "42-queued-fit-resumed.png"), FullPage = true });
            await page.Context.CloseAsync();
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException and not Xunit.SkipException)
        {
            List<string> log;
            lock (app.Log) log = app.Log.TakeLast(40).ToList();
            throw new InvalidOperationException($"{e.Message}\nThe server's last log lines:\n{string.Join("\n", log)}", e);
        }
        finally
        {
            await app.KillAsync();
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    private static int ModelId(string modelPath) => int.Parse(modelPath[(modelPath.LastIndexOf('/') + 1)..]);

    /// <summary>
    /// Clicks "Check again" and watches for the check's record while the click is still in flight, so that the kill can
    /// follow at once. On the loaded 2-core machine Playwright's click has returned 20 s after the server started the
    /// check (once after the check had ended), and in most full clean-clone runs it never reached the server at all
    /// (up to 180 s). So a try lasts a minute; after a failed one, what the page shows and the server's lines about checks are
    /// logged, and the page is reloaded (a new circuit) before the next of three tries. Null when no try got through.
    /// </summary>
    private async Task<((int Id, string Status) Check, bool ClickReturned)?> ClickUntilCheckRecordedAsync(
        IPage model, string db, int modelId, List<string> serverLog, Stopwatch clock)
    {
        for (int attempt = 1; ; attempt++)
        {
            var recorded = WaitForAsync(() => LatestCheck(db, modelId), c => c is not null, TimeSpan.FromMinutes(1),
                $"the check to be recorded (the click on Check again reaching the server), try {attempt} of 3", pollMs: 5);
            var click = model.ClickAsync("#flags-button", new() { Timeout = 60_000 });
            // The click may outlive the server (killed at once) or this try: its end is not what the test waits for.
            _ = click.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            try
            {
                var check = (await recorded)!.Value;
                return (check, click.IsCompleted);
            }
            catch (TimeoutException)
            {
                string shown = string.Join(" | ", (await model.Locator("#components-reconnect-modal:visible, #blazor-error-ui:visible, .mud-alert:visible")
                    .AllInnerTextsAsync()).Select(t => string.Join(" ", t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
                    .Where(t => t.Length > 0));
                string[] checks;
                lock (serverLog) checks = serverLog.Where(l => l.Contains("FlagService") || l.Contains("Goodhart")).TakeLast(5).ToArray();
                Log(clock, $"try {attempt}: no check on record a minute after the click (click {(click.IsCompleted ? "returned" : "pending")}); " +
                    $"page shows [{shown}]; server lines about checks: [{string.Join(" / ", checks)}]" + (attempt < 3 ? "; reloading the page" : ""));
                if (attempt == 3) return null;
                await model.ReloadAsync(new() { Timeout = 120_000 });
                await model.Locator("#flags-button").WaitForAsync(new() { Timeout = 120_000 });
            }
        }
    }

    private void Log(Stopwatch clock, string what) => output.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0} s] {what}");

    /// <summary>
    /// Opens a page of the crash server once its circuit is interactive. Every wait on it may take two minutes: on a
    /// machine busy with other work a large cohort's fit form can take longer than Playwright's usual 30 s to
    /// render, and the test waits for states, not for a fixed time.
    /// </summary>
    private Task<IPage> OpenAsync(AppProcess app, string path) => shared.OpenAsync(path, app.BaseUrl, timeoutMs: 120_000);
}
