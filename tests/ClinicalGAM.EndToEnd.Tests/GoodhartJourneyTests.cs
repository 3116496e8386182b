using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ClinicalGAM.EndToEnd.Tests;

/// <summary>
/// The Goodhart panel as a reviewer meets it: the sample cohort (SBP treated above 160, a platelet policy from 2018)
/// uploaded, fitted at the fit page's defaults, then checked for drift. The panel must show the SBP 160 jump with its
/// risk difference and clinician advice, draw any temporal flag's per-period shapes as an interactive plot, and
/// print no non-finite or absurd number anywhere; the SBP flag names its local fit, its evidence sources and shows the
/// recorded values around 160 as a histogram. Screenshots: test-artifacts/goodhart-panel.png,
/// test-artifacts/goodhart-sbp-flag-evidence.png.
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

        // The flag says how its local fit was made and where its cut came from (from the data, whatever the column's
        // name), and shows the recorded values around the cut as an interactive histogram with the density test.
        var sbpFlag = sbp.First;
        Assert.Matches(new Regex(@"Local fit: patients within [\d.]+ (below and [\d.]+ above|of) the cut"), await sbpFlag.Locator(".flag-bandwidth").InnerTextAsync());
        string sources = await sbpFlag.Locator(".flag-sources").InnerTextAsync();
        Assert.Matches(new Regex(@"round number \(multiple of \d+\)|density discontinuity / heaping|shape change point|cut-off library"), sources);
        Assert.Matches(new Regex(@"z -?\d+\.\d"), await sbpFlag.Locator(".flag-heaping").InnerTextAsync());
        await sbpFlag.Locator(".density-histogram .js-plotly-plot .main-svg").First.WaitForAsync(new() { Timeout = 30_000 });
        await sbpFlag.ScrollIntoViewIfNeededAsync();
        await page.WaitForTimeoutAsync(500);
        await sbpFlag.ScreenshotAsync(new() { Path = Path.Combine(app.ArtifactsDir, "goodhart-sbp-flag-evidence.png") });

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
