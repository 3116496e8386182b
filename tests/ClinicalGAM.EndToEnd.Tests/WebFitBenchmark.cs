using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace ClinicalGAM.EndToEnd.Tests;

/// <summary>
/// A measurement, not part of the test suite (test.sh excludes Category=Benchmark): the sample cohort fitted at the
/// fit page's defaults through the browser, then the same fit by the command line (`clinicalgam fit`, Release build),
/// one after the other on the same machine. Reports both wall times (click to "open model"; process start to exit)
/// and their ratio: a web fit must run the same optimised engine as the CLI.
/// Run: dotnet test tests/ClinicalGAM.EndToEnd.Tests -c Release --filter FullyQualifiedName~WebFitBenchmark --logger "console;verbosity=detailed"
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed class WebFitBenchmark(AppServerFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task Fit_the_sample_cohort_from_the_browser_and_from_the_command_line()
    {
        string sample = Path.Combine(app.RepoRoot, "sample-data", "smm_cohort.csv");
        var page = await app.OpenAsync("/upload");
        await AppServerFixture.ChooseFileAsync(page, sample);
        await page.WaitForSelectorAsync("#upload-preview", new() { Timeout = 120_000 });
        await page.ClickAsync("#save-cohort");
        await page.WaitForSelectorAsync("#row-count", new() { Timeout = 120_000 });
        await page.ClickAsync("#fit-button");
        await page.WaitForSelectorAsync("#start-fit");
        var clock = Stopwatch.StartNew();
        await page.ClickAsync("#start-fit");
        await page.WaitForSelectorAsync(".open-model", new() { Timeout = 900_000 });
        double web = clock.Elapsed.TotalSeconds;

        string cli = Path.Combine(app.RepoRoot, "src", "ClinicalGAM.Cli", "bin", "Release", "net10.0", "clinicalgam.dll");
        Assert.True(File.Exists(cli), $"build the CLI in Release first: {cli}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { cli, "fit", "--data", sample, "--outcome", "smm", "--out", Path.Combine(app.DataDir, "cli-model.json") })
            start.ArgumentList.Add(a);
        clock.Restart();
        using (var process = Process.Start(start)!)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await stderr);
            output.WriteLine(await stdout);
        }
        double command = clock.Elapsed.TotalSeconds;

        string report = string.Create(CultureInfo.InvariantCulture,
            $"sample cohort (20,000 rows), default fit: web app {web:F1} s (click to model ready), clinicalgam fit {command:F1} s " +
            $"(process wall time, CSV read included); web / CLI = {web / command:F2}; {Environment.ProcessorCount} cores");
        output.WriteLine(report);
        Directory.CreateDirectory(app.ArtifactsDir);
        await File.WriteAllTextAsync(Path.Combine(app.ArtifactsDir, "web-fit-benchmark.txt"), report + "\n");
    }
}
