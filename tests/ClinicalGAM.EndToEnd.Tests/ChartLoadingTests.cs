using Microsoft.Playwright;

namespace ClinicalGAM.EndToEnd.Tests;

/// <summary>
/// Charts survive fast navigation while plotly.js is slow to arrive. Plotly.Blazor queues chart calls until plotly.js has
/// loaded and runs the queue in one loop; a queued event subscription of a page already left used to throw there and
/// leave the next page's charts blank. The app now loads plotly.js before its circuit starts.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ChartLoadingTests(AppServerFixture app)
{
    [Fact]
    public async Task Leaving_a_model_page_at_once_while_plotly_js_is_slow_leaves_the_next_pages_chart_drawn()
    {
        string modelUrl = await app.SampleModelUrlAsync();
        var page = await app.NewPageAsync();
        // plotly.js (4 MB) takes three seconds to arrive, as on a slow link or a cold cache.
        await page.RouteAsync("**/plotly-3.7.0*.js*", async route =>
        {
            await Task.Delay(3_000);
            await route.ContinueAsync();
        });
        await page.GotoAsync(modelUrl);
        await page.WaitForSelectorAsync("#app-interactive", new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });

        // The model page's importance chart subscribes to clicks; leave for the cohort at once.
        string cohortLink = await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('a[href^=\"cohorts/\"]')].map(a => a.getAttribute('href')).find(h => /^cohorts\\/\\d+$/.test(h))");
        await page.Locator($"a[href='{cohortLink}']").First.ClickAsync();
        await app.WaitForPlotAsync(page, "#prevalence-by-year", 30_000);
        Assert.EndsWith("/" + cohortLink, page.Url);

        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.Plotly?.newPlot === 'function'"), "plotly.js is loaded");
        var errors = app.BrowserErrorsOf(page);
        Assert.True(errors.Count == 0, "browser errors: " + string.Join(" | ", errors));
    }
}
