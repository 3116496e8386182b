using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ClinicalGAM.EndToEnd.Tests;

/// <summary>
/// A measurement, not part of the test suite (test.sh excludes Category=Benchmark): the sample cohort (20,000 rows)
/// fitted at default settings with 28 pairs (22 mains + 28 pairs = 50 terms), then the model page opened cold three
/// times; reports the time to the metrics header (first useful content) and to the last shape plot drawn.
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
        await page.SetInputFilesAsync("input[type=file]", Path.Combine(app.RepoRoot, "sample-data", "smm_cohort.csv"));
        await page.WaitForSelectorAsync("#upload-preview", new() { Timeout = 120_000 });
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
        int terms = await page.Locator("[id^='term-'] .js-plotly-plot").CountAsync();

        var header = new List<double>();
        var plots = new List<double>();
        for (int run = 0; run < 3; run++)
        {
            var cold = await app.NewPageAsync();
            var clock = Stopwatch.StartNew();
            await cold.GotoAsync(modelUrl);
            await cold.WaitForSelectorAsync("#metrics-header", new() { Timeout = 60_000 });
            header.Add(clock.Elapsed.TotalSeconds);
            // Every shape card's plot has drawn its first trace.
            await cold.WaitForFunctionAsync(
                "n => document.querySelectorAll(\"[id^='term-'] .js-plotly-plot .plot path, [id^='term-'] .js-plotly-plot .heatmaplayer image\").length >= n",
                terms, new() { Timeout = 60_000 });
            plots.Add(clock.Elapsed.TotalSeconds);
            await cold.Context.CloseAsync();
        }
        Assert.True(terms >= 40, $"expected a model of about 50 terms, the page shows {terms} plots");
        header.Sort();
        plots.Sort();
        var report = $"model page of a {terms}-term model (sample cohort, 20,000 rows): metrics header after " +
            $"{header[1]:0.00} s, every shape plot drawn after {plots[1]:0.00} s (median of 3 cold loads; " +
            $"min {header[0]:0.00} / {plots[0]:0.00} s, max {header[2]:0.00} / {plots[2]:0.00} s)";
        output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(app.ArtifactsDir, "model-page-benchmark.txt"), report + "\n");
    }
}
