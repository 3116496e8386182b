using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ClinicalGAM.EndToEnd.Tests;

/// <summary>
/// The Goodhart panel as a reviewer meets it: the sample cohort (SBP treated above 160, a platelet policy from 2018)
/// uploaded, fitted at the fit page's defaults, then checked for drift. The panel must show the SBP 160 jump with its
/// risk difference and clinician advice, draw any temporal flag's per-period shapes as an interactive plot, and
/// print no non-finite or absurd number anywhere. Screenshot: test-artifacts/goodhart-panel.png.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GoodhartJourneyTests(AppServerFixture app)
{
    [Fact]
    public async Task The_sample_cohort_model_shows_the_sbp_160_jump_with_advice_and_finite_numbers()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(await app.SampleModelUrlAsync());
        await page.WaitForSelectorAsync("#app-interactive", new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });

        await page.ClickAsync("#flags-button");
        await page.Locator("#no-flags, .goodhart-flag").First.WaitForAsync(new() { Timeout = 300_000 });
        var panel = page.Locator("#flags-panel");
        await panel.ScrollIntoViewIfNeededAsync();
        await page.WaitForTimeoutAsync(800); // let Plotly draw the per-period overlays
        Directory.CreateDirectory(app.ArtifactsDir);
        await panel.ScreenshotAsync(new() { Path = Path.Combine(app.ArtifactsDir, "goodhart-panel.png") });

        var sbp = page.Locator(".goodhart-flag", new() { HasText = "systolic_bp" });
        Assert.True(await sbp.CountAsync() >= 1, "the SBP 160 treatment jump is flagged");
        string sbpText = await sbp.First.InnerTextAsync();
        Assert.Contains("160", sbpText);
        Assert.Contains("For the clinician", sbpText);
        Assert.Matches(new Regex(@"risk [+-]\d+\.\d points"), sbpText);

        string text = await panel.InnerTextAsync();
        Assert.DoesNotMatch(new Regex(@"NaN|Infinity|∞|\d[eE][+-]?\d{2,}"), text);
        foreach (Match m in Regex.Matches(text, @"effect ([+-]\d+\.\d+)"))
            Assert.InRange(Math.Abs(double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)), 0, 10);

        // A temporal flag's per-period shapes are an interactive Plotly plot, not a picture.
        int overlays = await page.Locator(".period-overlay").CountAsync();
        if (overlays > 0)
            await page.Locator(".period-overlay .js-plotly-plot .main-svg").First.WaitForAsync(new() { Timeout = 30_000 });
    }
}
