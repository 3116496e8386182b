using System.Diagnostics;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Synthetic;
using Xunit.Abstractions;

namespace ClinicalGAM.EndToEnd.Tests;

/// <summary>
/// A measurement, not part of the test suite (test.sh excludes Category=Benchmark): uploads a 1,000,000-row synthetic
/// cohort through the browser and reports the time to read it, the time to save it and the app's peak memory.
/// Run: dotnet test tests/ClinicalGAM.EndToEnd.Tests --filter Category=Benchmark --logger "console;verbosity=detailed"
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed class UploadBenchmark(AppServerFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task Upload_a_million_row_cohort()
    {
        const int rows = 1_000_000;
        var path = Path.Combine(app.DataDir, "million.csv");
        await using (var file = File.Create(path)) CohortCsvWriter.Write(SmmCohortGenerator.Generate(rows, 20261125), file);
        var size = new FileInfo(path).Length;
        double before = app.PeakMemoryMiB();

        var page = await app.OpenAsync("/upload");
        var clock = Stopwatch.StartNew();
        await AppServerFixture.ChooseFileAsync(page, path);
        await page.WaitForSelectorAsync("#upload-preview", new() { Timeout = 600_000 });
        var read = clock.Elapsed;
        Assert.Contains("1,000,000 rows", await page.InnerTextAsync("#upload-preview"));
        clock.Restart();
        await page.ClickAsync("#save-cohort");
        await page.WaitForSelectorAsync("#row-count", new() { Timeout = 600_000 });
        var saved = clock.Elapsed;
        Assert.Equal("1,000,000", (await page.InnerTextAsync("#row-count")).Trim());

        var report = $"1,000,000 rows x {File.ReadLines(path).First().Split(',').Length} columns, {size / 1048576.0:0} MiB CSV: " +
            $"upload + read {read.TotalSeconds:0.0} s, save + profile page {saved.TotalSeconds:0.0} s, " +
            $"app peak memory {app.PeakMemoryMiB():0} MiB (before the upload {before:0} MiB)";
        output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(app.ArtifactsDir, "upload-benchmark.txt"), report + "\n");
    }
}
