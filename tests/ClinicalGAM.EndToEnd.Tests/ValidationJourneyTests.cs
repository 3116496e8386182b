using Microsoft.Playwright;

namespace ClinicalGAM.EndToEnd.Tests;

/// <summary>
/// Fit with k-fold cross-validation, then validate the saved model on a second uploaded cohort without refitting.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ValidationJourneyTests(AppServerFixture app)
{
    [Fact]
    public async Task Cross_validate_a_fit_then_validate_the_model_on_another_cohort()
    {
        string cohortPath = await UploadAsync(TestCohorts.WriteSmall(app.DataDir, 11, "hospital_a.csv"));
        var page = await app.OpenAsync(cohortPath + "/fit");
        await page.WaitForSelectorAsync("#start-fit");
        await SetNumberAsync(page, "Bags", "2");
        await SetNumberAsync(page, "Pairwise interactions", "0");
        await page.ClickAsync("#cv-switch");
        await SetNumberAsync(page, "Folds (k)", "3");
        await page.ClickAsync("#start-fit");
        await page.WaitForSelectorAsync(".open-model", new() { Timeout = 120_000 });
        await page.ClickAsync(".open-model");
        await page.WaitForURLAsync("**/models/*");
        var cv = await page.InnerTextAsync("#cv-auc");
        Assert.Matches(@"^0\.\d{3} ± 0\.\d{3}$", cv.Trim());
        string modelUrl = page.Url;

        await UploadAsync(TestCohorts.WriteSmall(app.DataDir, 12, "hospital_b.csv"));
        await page.GotoAsync(modelUrl);
        await page.WaitForSelectorAsync("#app-interactive", new() { State = WaitForSelectorState.Attached });
        var row = page.Locator(".validation-candidate", new() { HasText = "hospital_b" });
        Assert.Equal("ready", (await row.Locator(".candidate-status").InnerTextAsync()).Trim());
        await row.Locator(".validate-button").ClickAsync();
        var result = page.Locator(".validation-row", new() { HasText = "hospital_b" }).First;
        await result.WaitForAsync(new() { Timeout = 60_000 });
        Assert.Matches(@"0\.\d{3} \(0\.\d{3}–[01]\.\d{3}\)", await result.Locator(".validation-auc").InnerTextAsync());
        await page.Locator("#validation-calibration-chart path.js-line").First.WaitForAsync();
        await page.WaitForTimeoutAsync(300);
        await page.Locator("#validation-panel").ScreenshotAsync(new() { Path = Path.Combine(app.ArtifactsDir, "13-external-validation.png") });
        await page.Locator("#metrics-header").ScreenshotAsync(new() { Path = Path.Combine(app.ArtifactsDir, "14-cross-validated-auc.png") });
    }

    /// <summary>Uploads and saves a cohort; returns its page's path (/cohorts/N).</summary>
    private async Task<string> UploadAsync(string file)
    {
        var page = await app.OpenAsync("/upload");
        await app.SaveCohortAsync(page, file);
        string path = new Uri(page.Url).AbsolutePath;
        await page.Context.CloseAsync();
        return path;
    }

    private static async Task SetNumberAsync(IPage page, string label, string value)
    {
        var input = page.GetByLabel(label, new() { Exact = true });
        await input.FillAsync(value);
        await input.PressAsync("Tab");
    }
}
