using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ClinicalGAM.EndToEnd.Tests;

/// <summary>
/// A measurement, not part of the test suite (test.sh excludes Category=Benchmark): the sample cohort (20,000 rows)
/// fitted at default settings with 28 pairs (22 mains + 28 pairs = 50 terms), then the model page opened cold three
/// times; reports the time to the metrics header (first useful content), to the first screen of shape plots (the page
/// draws six at once, then the rest in batches) and to the last shape plot drawn.
/// Run: dotnet test tests/ClinicalGAM.EndToEnd.Tests --filter FullyQualifiedName~ModelPageLoadBenchmark --logger "console;verbosity=detailed"
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed class ModelPageLoadBenchmark(AppServerFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task Open_the_page_of_a_fifty_term_model()
    {
        var page = await app.OpenAsync("/upload");
        await AppServerFixture.ChooseFileAsync(page, Path.Combine(app.RepoRoot, "sample-data", "smm_cohort.csv"));
        try { await page.WaitForSelectorAsync("#upload-preview", new() { Timeout = 120_000 }); }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(app.ArtifactsDir, "model-page-benchmark-upload.png") });
            throw;
        }
        await page.ClickAsync("#save-cohort");
        await page.WaitForSelectorAsync("#row-count", new() { Timeout = 120_000 });
        await page.ClickAsync("#fit-button");
        await page.WaitForSelectorAsync("#start-fit");
        var pairs = page.GetByLabel("Pairwise interactions", new() { Exact = true });
        await pairs.FillAsync("28");
        await pairs.PressAsync("Tab");
        await page.ClickAsync("#start-fit");
        await page.WaitForSelectorAsync(".open-model", new() { Timeout = 900_000 });
        await page.ClickAsync(".open-model");
        await page.WaitForURLAsync("**/models/*");
        string modelUrl = page.Url;
        await page.WaitForSelectorAsync("#metrics-header");
        int terms = await page.Locator(".shape-card").CountAsync();

        // Cold: a fresh browser context each time (scripts such as plotly.js fetched and parsed again).
        // Warm: new tabs of one context that has seen the app once (the browser cache holds the scripts).
        var cold = new LoadTimes();
        for (int run = 0; run < 3; run++)
        {
            var fresh = await app.NewPageAsync();
            await cold.MeasureAsync(fresh, modelUrl, terms);
            await fresh.Context.CloseAsync();
        }
        var warm = new LoadTimes();
        var warmUp = await app.NewPageAsync();
        await new LoadTimes().MeasureAsync(warmUp, modelUrl, terms);
        for (int run = 0; run < 3; run++)
        {
            var tab = await warmUp.Context.NewPageAsync();
            await warm.MeasureAsync(tab, modelUrl, terms);
            await tab.CloseAsync();
        }
        await warmUp.Context.CloseAsync();
        Assert.True(terms >= 40, $"expected a model of about 50 terms, the page shows {terms} shape cards");
        var report = $"model page of a {terms}-term model (sample cohort, 20,000 rows), median of 3 loads: " +
            $"warm browser cache {warm}; cold browser {cold}";
        output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(app.ArtifactsDir, "model-page-benchmark.txt"), report + "\n");
    }

    private sealed class LoadTimes
    {
        private readonly List<(double Header, double Interactive, double FirstSix, double All)> _runs = [];

        public async Task MeasureAsync(IPage page, string url, int terms)
        {
            var clock = Stopwatch.StartNew();
            await page.GotoAsync(url);
            await page.WaitForSelectorAsync("#metrics-header", new() { Timeout = 60_000 });
            double header = clock.Elapsed.TotalSeconds;
            await page.WaitForSelectorAsync("#app-interactive", new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
            double interactive = clock.Elapsed.TotalSeconds;
            // Plotly marks a drawn plot's div with .js-plotly-plot holding .main-svg.
            const string drawn = "n => document.querySelectorAll('.shape-card .js-plotly-plot .main-svg').length >= n";
            await page.WaitForFunctionAsync(drawn, 6, new() { Timeout = 60_000 });
            double firstSix = clock.Elapsed.TotalSeconds;
            await page.WaitForFunctionAsync(drawn, terms, new() { Timeout = 60_000 });
            _runs.Add((header, interactive, firstSix, clock.Elapsed.TotalSeconds));
        }

        private double Median(Func<(double Header, double Interactive, double FirstSix, double All), double> pick) =>
            _runs.Select(pick).Order().ElementAt(_runs.Count / 2);

        public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"metrics header {Median(r => r.Header):0.00} s, interactive {Median(r => r.Interactive):0.00} s, first six shape plots {Median(r => r.FirstSix):0.00} s, all shape plots {Median(r => r.All):0.00} s");
    }
}
