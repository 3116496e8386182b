using System.Globalization;
using Microsoft.Playwright;

namespace ClinicalGAM.EndToEnd.Tests;

/// <summary>
/// The model editor as a reviewer uses it: from the SBP 160 Goodhart flag on the sample-cohort model, flatten the jump,
/// watch the test metrics update, undo and redo (buttons and keyboard), save a version with a note, compare it with
/// the fitted version and download its report. Screenshots: test-artifacts/30-editor-*.png.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EditorJourneyTests(AppServerFixture app)
{
    [Fact]
    public async Task Flatten_the_sbp_160_jump_from_its_flag_then_undo_redo_save_compare_and_report()
    {
        var page = await app.NewPageAsync();
        string modelUrl = await app.SampleModelUrlAsync();
        await page.GotoAsync(modelUrl);
        await page.WaitForSelectorAsync("#app-interactive", new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        if (await page.Locator(".goodhart-flag").CountAsync() == 0)
        {
            await page.ClickAsync("#flags-button");
            await page.Locator("#no-flags, .goodhart-flag").First.WaitForAsync(new() { Timeout = 300_000 });
        }
        await app.WaitForPlotAsync(page, ".shape-card"); // plotly.js loaded before leaving the page (see AnalysisJourneyTests)
        var sbpFlag = page.Locator(".goodhart-flag", new() { HasText = "systolic_bp" }).First;
        await sbpFlag.Locator(".flatten-from-flag").ClickAsync();
        await page.WaitForURLAsync("**/edit?**");
        await page.WaitForSelectorAsync("#app-interactive", new() { State = WaitForSelectorState.Attached });
        await page.WaitForSelectorAsync("#edit-metrics", new() { Timeout = 60_000 });
        await app.WaitForPlotAsync(page, "#editor-plot");
        Assert.Matches(@"^\d+ bins: \[", await page.InnerTextAsync("#selection-text")); // the flag's window arrives selected
        Assert.Contains("Goodhart flag", await page.InputValueAsync("#edit-reason"));
        string aucFitted = await page.InnerTextAsync("#metric-auc-now");
        string slopeFitted = await page.InnerTextAsync("#metric-slope-now");
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ArtifactsDir, "30-editor-from-flag.png"), FullPage = true });

        await page.ClickAsync("#apply-edit");
        await page.Locator(".history-step").First.WaitForAsync();
        Assert.Contains("flatten-jump", await page.InnerTextAsync("#edit-history"));
        string aucEdited = await page.InnerTextAsync("#metric-auc-now");
        string slopeEdited = await page.InnerTextAsync("#metric-slope-now");
        Assert.True(aucEdited != aucFitted || slopeEdited != slopeFitted, $"the test metrics follow the edit (AUC {aucFitted} -> {aucEdited}, slope {slopeFitted} -> {slopeEdited})");
        double ms = double.Parse((await page.InnerTextAsync("#edit-metrics-time")).Split(' ')[2], CultureInfo.InvariantCulture);
        Assert.InRange(ms, 0, 60_000); // shown and finite (the timing itself is measured in the bench project)
        await app.WaitForPlotAsync(page, "#editor-plot");
        await page.WaitForTimeoutAsync(300);
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ArtifactsDir, "30-editor-flattened.png"), FullPage = true });

        await page.ClickAsync("#undo");
        await page.Locator(".history-undone").First.WaitForAsync();
        Assert.Equal(aucFitted, await page.InnerTextAsync("#metric-auc-now"));
        await page.ClickAsync("#redo");
        await page.Locator(".history-current.history-step").First.WaitForAsync();
        Assert.Equal(aucEdited, await page.InnerTextAsync("#metric-auc-now"));
        // The keyboard does the same with the editing area focused.
        await page.FocusAsync("#editor-canvas");
        await page.Keyboard.PressAsync("Control+z");
        await page.Locator(".history-undone").First.WaitForAsync();
        await page.Keyboard.PressAsync("Control+y");
        await page.Locator(".history-current.history-step").First.WaitForAsync();
        Assert.Equal(aucEdited, await page.InnerTextAsync("#metric-auc-now"));

        await page.FillAsync("#version-note", "SBP treated from 160: shape flattened across the threshold");
        await page.Keyboard.PressAsync("Tab");
        await page.ClickAsync("#save-version");
        await page.WaitForSelectorAsync("#saved-version", new() { Timeout = 60_000 });
        string reportHref = (await page.GetAttributeAsync("#saved-report", "href"))!;
        await page.ClickAsync("#compare-saved");
        await page.WaitForURLAsync("**/compare?**");
        await page.WaitForSelectorAsync("#version-diff", new() { Timeout = 60_000 });
        string diff = await page.InnerTextAsync("#version-diff");
        Assert.Contains("systolic_bp", diff);
        Assert.Contains("Changed", diff);
        Assert.Contains("flatten-jump", await page.InnerTextAsync("#version-edits"));
        await page.WaitForTimeoutAsync(500);
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ArtifactsDir, "31-version-compare.png"), FullPage = true });

        var report = await page.APIRequest.GetAsync(new Uri(new Uri(app.BaseUrl + "/"), reportHref).ToString());
        Assert.True(report.Ok);
        string html = await report.TextAsync();
        Assert.Contains("Edited version", html);
        Assert.Contains("SBP treated from 160", html); // the version note, in the settings table
        Assert.Contains("flatten-jump", html);
        Assert.Contains("Audit trail", html);

        // The audit log has the whole story: the fit, the check, the edit and the downloads, newest first.
        await page.GotoAsync(app.BaseUrl + "/audit");
        await page.WaitForSelectorAsync("#audit-table");
        string audit = await page.InnerTextAsync("#audit-table");
        foreach (var action in new[] { "upload", "fit", "check", "edit", "download" }) Assert.Contains(action, audit);
        Assert.Contains("SBP treated from 160", audit);
        var csv = await page.APIRequest.GetAsync(app.BaseUrl + "/audit.csv");
        Assert.StartsWith("when_utc,who,from,action,subject,detail,cohort_id,model_id", await csv.TextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ArtifactsDir, "32-audit-log.png"), FullPage = true });

        // The content-security policy is on every page and blocked nothing this journey needed (plots, selection, circuit).
        var home = await page.APIRequest.GetAsync(app.BaseUrl + "/");
        Assert.Contains("frame-ancestors 'none'", home.Headers["content-security-policy"]);
        Assert.Equal("nosniff", home.Headers["x-content-type-options"]);
        Assert.DoesNotContain(app.BrowserErrorsOf(page), e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}
