using Microsoft.Playwright;

namespace ClinicalGAM.EndToEnd.Tests;

/// <summary>
/// Import a model written by InterpretML's ebm.to_json, read it against an uploaded cohort, open its page, check it for
/// Goodhart drift and download it back in InterpretML's format.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InterpretMlJourneyTests(AppServerFixture app)
{
    [Fact]
    public async Task Import_an_InterpretML_model_open_its_page_and_download_it_back()
    {
        await UploadAsync(TestCohorts.WriteSmall(app.DataDir, 21, "interpretml_cohort.csv"));

        var page = await app.OpenAsync("/models");
        await page.ClickAsync("#import-model-link");
        await page.WaitForURLAsync("**/models/import");
        await page.WaitForSelectorAsync("#app-interactive", new() { State = WaitForSelectorState.Attached });
        await AppServerFixture.ChooseFileAsync(page, Path.Combine(AppContext.BaseDirectory, "Data", "interpretml-smm-small.json"));
        await page.WaitForSelectorAsync("#import-summary");
        var outcome = page.Locator(".outcome-input input");
        await outcome.FillAsync("smm");
        await outcome.PressAsync("Tab");
        var row = page.Locator(".import-candidate", new() { HasText = "interpretml_cohort" });
        await Assertions.Expect(row.Locator(".candidate-status")).ToHaveTextAsync("ready");
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ArtifactsDir, "15-import-interpretml.png"), FullPage = true });

        await row.Locator(".import-button").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/models/\d+$"), new() { Timeout = 60_000 });
        await page.WaitForSelectorAsync("#metrics-header");
        Assert.Contains("interpretml", await page.InnerTextAsync("#metrics-header"));
        await page.Locator("#term-maternal-age .js-plotly-plot path.js-line").First.WaitForAsync();
        await page.Locator("#term-delivery-mode .js-plotly-plot").WaitForAsync();
        await page.WaitForTimeoutAsync(500);
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ArtifactsDir, "16-imported-interpretml-model.png"), FullPage = true });

        // Checked for Goodhart drift like a model fitted here (no refit per period: the engine is InterpretML's).
        await page.ClickAsync("#flags-button");
        await page.Locator("#no-flags, .goodhart-flag").First.WaitForAsync(new() { Timeout = 120_000 });
        await page.Locator("#flags-panel").ScreenshotAsync(new() { Path = Path.Combine(app.ArtifactsDir, "17-imported-model-flags.png") });

        var download = await page.APIRequest.GetAsync(page.Url + "/interpretml.json");
        Assert.Equal(200, download.Status);
        var json = await download.TextAsync();
        Assert.Contains("\"link\": \"logit\"", json);
        Assert.Contains("\"maternal_age\"", json);
        // Reported like a fit of ours.
        var report = await page.APIRequest.GetAsync(page.Url + "/report.html");
        Assert.Equal(200, report.Status);
        Assert.Contains("maternal_age &amp; delivery_mode", await report.TextAsync());
    }

    private async Task UploadAsync(string file)
    {
        var page = await app.OpenAsync("/upload");
        await app.SaveCohortAsync(page, file);
        await page.Context.CloseAsync();
    }
}
