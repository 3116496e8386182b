using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace ClinicalGAM.EndToEnd.Tests;

/// <summary>
/// Nothing saved is lost when the server dies mid-task. A server of its own (own SQLite file) gets a cohort and a
/// model saved; then it is killed with SIGKILL during a fit, and again while a larger upload is being saved. After each
/// restart: SQLite's integrity check passes, the saved cohort and model are intact (same rows, same AUC), no half-saved
/// cohort is visible, and the fit shows as interrupted with a Re-run button that runs it to completion. (A kill during a
/// Goodhart check with a fit waiting in the queue: CrashRecoveryCheckAndQueueTests.)
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CrashRecoveryTests(AppServerFixture shared)
{
    [Fact]
    public async Task Killing_the_server_during_a_fit_and_during_an_upload_loses_nothing_saved()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"clinicalgam-crash-{Guid.NewGuid():N}");
        await using var app = new AppProcess(dir, shared.RepoRoot);
        app.Settings["ClinicalGam__MaxConcurrentFits"] = "1"; // one fit at a time: a second one waits in the queue
        try
        {
            await app.StartAsync();
            var page = await OpenAsync(app, "/upload");
            await AppServerFixture.SaveCohortAsync(page, TestCohorts.WriteSmall(dir, 5, "before_crash.csv"), app.Log);
            string cohortUrl = page.Url;
            await AppServerFixture.FitSmallModelAsync(page);
            string modelPath = new Uri(page.Url).PathAndQuery; // the port changes with each restart
            string title = await page.InnerTextAsync("#model-title");
            var saved = CrashDatabase.Read(app.DatabasePath);

            // 1. Kill during a long fit (many bags and pairs), once it reports progress.
            await page.GotoAsync(cohortUrl + "/fit");
            await page.WaitForSelectorAsync("#app-interactive", new() { State = WaitForSelectorState.Attached });
            await AppServerFixture.SetFieldsAsync(page, ("Bags", "100"), ("Pairwise interactions", "10"));
            await LongerFitAsync(page);
            await page.ClickAsync("#start-fit");
            await page.Locator(".fit-job[data-status='Running']").First.WaitForAsync(new() { Timeout = 60_000 });
            await page.WaitForTimeoutAsync(1500);
            await page.Context.CloseAsync();
            await app.KillAsync();
            CrashDatabase.AssertIntact(app.DatabasePath, saved);

            await app.StartAsync();
            page = await OpenAsync(app, "/fits");
            var interrupted = page.Locator(".interrupted-fit").First;
            await interrupted.WaitForAsync(new() { Timeout = 30_000 });
            Assert.Contains("interrupted by a server restart", await interrupted.InnerTextAsync());
            Assert.Equal(saved.Models, CrashDatabase.Read(app.DatabasePath).Models); // the interrupted fit saved no model
            await page.GotoAsync(app.BaseUrl + modelPath);
            await page.WaitForSelectorAsync("#model-title", new() { Timeout = 60_000 });
            Assert.Equal(title, await page.InnerTextAsync("#model-title")); // and its JSON is unchanged (AssertIntact)

            // 2. Kill while a larger cohort is being written (the save is one transaction: all or nothing).
            string big = WriteLarge(dir, 300_000);
            page = await OpenAsync(app, "/upload");
            await AppServerFixture.ChooseFileAsync(page, big);
            await page.WaitForSelectorAsync("#upload-preview", new() { Timeout = 120_000 });
            await page.ClickAsync("#save-cohort");
            await page.WaitForTimeoutAsync(700);
            await page.Context.CloseAsync();
            await app.KillAsync();
            var afterUpload = CrashDatabase.AssertIntact(app.DatabasePath, saved);
            if (afterUpload.Cohorts.Count > saved.Cohorts.Count)
                Assert.Equal(300_000, afterUpload.Cohorts.Single(c => c.Name.Contains("large")).Rows); // finished before the kill: then whole

            // The killed upload's staged copy (patient rows) is still on disk, readable by the app's account only...
            string staging = Path.Combine(Path.GetDirectoryName(app.DatabasePath)!, "staging");
            var left = Directory.EnumerateFiles(staging).ToList();
            Assert.All(left, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));

            // 3. After the restart the staged copy is gone, and the interrupted fit runs again to a saved model.
            await app.StartAsync();
            Assert.Empty(Directory.EnumerateFiles(staging));
            page = await OpenAsync(app, "/fits");
            await page.Locator(".interrupted-fit .rerun-fit").First.ClickAsync();
            var rerun = page.Locator(".fit-job", new() { HasText = "re-run of fit" }).First;
            await rerun.WaitForAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(shared.ArtifactsDir, "40-interrupted-fit-rerun.png"), FullPage = true });
            // The re-run (the fit's specification, without the cross-validation) takes seconds: it ends saved.
            await page.Locator(".fit-job[data-status='Succeeded']", new() { HasText = "re-run of fit" }).WaitForAsync(new() { Timeout = 120_000 });
            Assert.Equal(0, await page.Locator(".interrupted-fit").CountAsync()); // re-run: no longer pending

        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
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

    /// <summary>
    /// Turns on 20-fold cross-validation: 21 fits of the 1,500-row cohort, so the fit is still running when the server
    /// is killed however fast the engine gets (a 100-bag fit alone now ends within a second or two on an idle machine).
    /// </summary>
    private static async Task LongerFitAsync(IPage page)
    {
        await page.ClickAsync("#cv-switch");
        await AppServerFixture.SetFieldsAsync(page, ("Folds (k)", "20"));
    }

    private Task<IPage> OpenAsync(AppProcess app, string path) => shared.OpenAsync(path, app.BaseUrl);

    private static string WriteLarge(string dir, int rows)
    {
        var rng = new Random(3);
        var path = Path.Combine(dir, "large_cohort.csv");
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        w.WriteLine("patient_id,maternal_age,hemoglobin_g_dl,ferritin,platelets,sbp,smm");
        for (int i = 0; i < rows; i++)
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"P{i},{16 + 30 * rng.NextDouble():0.0},{9 + 5 * rng.NextDouble():0.00},{5 + 195 * rng.NextDouble():0.0},{100 + 300 * rng.NextDouble():0},{90 + 90 * rng.NextDouble():0},{(rng.NextDouble() < 0.05 ? 1 : 0)}"));
        return path;
    }
}
