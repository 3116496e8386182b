using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace ClinicalGAM.EndToEnd.Tests;

/// <summary>
/// A measurement, not part of the suite (Category=Benchmark): 20 simulated users request the server-rendered pages —
/// home, cohorts, a cohort profile, models, a model page, fits, audit — in a loop over loopback while two large fits
/// run, for CLINICALGAM_LOAD_SECONDS (default 120). Reports p50/p95/max page time, requests per second and errors in
/// test-artifacts/load-benchmark.txt. Interactive circuits (clicks over SignalR) are not part of it; accounts do not
/// exist yet, so the users are anonymous.
/// Run: dotnet test tests/ClinicalGAM.EndToEnd.Tests -c Release --filter FullyQualifiedName~LoadBenchmark
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed class LoadBenchmark(AppServerFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task Twenty_users_browse_while_two_fits_run()
    {
        int seconds = int.TryParse(Environment.GetEnvironmentVariable("CLINICALGAM_LOAD_SECONDS"), out int s) ? s : 120;
        var page = await app.OpenAsync("/upload");
        var (cohortPath, modelPath) = await StartWorkAsync(page, app.BaseUrl, app.DataDir, app.Log);

        string[] paths = ["/", "/cohorts", cohortPath, "/models", modelPath, "/fits", "/audit"];
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var (sorted, errors, wall) = await MeasureAsync(Enumerable.Repeat(http, 20).ToList(), paths, seconds);
        double P(double q) => sorted[(int)Math.Round(q * (sorted.Length - 1))];
        var inv = CultureInfo.InvariantCulture;
        string line = string.Format(inv, "20 users, {0} s, {1:N0} requests ({2:0} req/s), {3} errors; page time p50 {4:0} ms, p95 {5:0} ms, max {6:0} ms; " +
            "two 100-bag fits running/queued; {7} cores", seconds, sorted.Length, sorted.Length / wall.TotalSeconds, errors,
            P(0.5), P(0.95), sorted[^1], Environment.ProcessorCount);
        output.WriteLine(line);
        File.WriteAllText(Path.Combine(app.ArtifactsDir, "load-benchmark.txt"), line + Environment.NewLine);
        foreach (var job in await page.Locator(".fit-job .cancel-fit").AllAsync()) await job.ClickAsync();

        Assert.Equal(0, errors);
        Assert.True(P(0.95) < 1000, line);
    }

    /// <summary>
    /// From an open upload page: uploads a small cohort, fits a small model, and starts two long fits in the background
    /// (one runs, one waits for the slot on a 2-core machine). Returns the cohort's and the model's page paths.
    /// </summary>
    public static async Task<(string CohortPath, string ModelPath)> StartWorkAsync(Microsoft.Playwright.IPage page, string baseUrl, string dataDir, List<string> serverLog)
    {
        await AppServerFixture.SaveCohortAsync(page, TestCohorts.WriteSmall(dataDir, 77, "load_cohort.csv"), serverLog);
        string cohortPath = new Uri(page.Url).AbsolutePath;
        string modelPath = new Uri(await AppServerFixture.FitSmallModelAsync(page)).AbsolutePath;
        for (int k = 0; k < 2; k++)
        {
            await page.GotoAsync(baseUrl + cohortPath + "/fit");
            await AppServerFixture.SetFieldsAsync(page, ("Bags", "100"), ("Pairwise interactions", "10"));
            await page.ClickAsync("#start-fit");
            await page.Locator(".fit-job").First.WaitForAsync();
        }
        return (cohortPath, modelPath);
    }

    /// <summary>
    /// Each client is one user requesting a random path, reading the page, pausing 100–400 ms (reading), until the time
    /// is up. Returns the page times sorted, the failures (non-success status or no answer) and the wall time.
    /// </summary>
    public static async Task<(double[] Times, int Errors, TimeSpan Wall)> MeasureAsync(IReadOnlyList<HttpClient> users, string[] paths, int seconds)
    {
        var times = new ConcurrentBag<double>();
        int errors = 0;
        var until = DateTime.UtcNow.AddSeconds(seconds);
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(users.Select((http, user) => Task.Run(async () =>
        {
            var rng = new Random(user);
            while (DateTime.UtcNow < until)
            {
                var clock = Stopwatch.StartNew();
                try
                {
                    using var response = await http.GetAsync(paths[rng.Next(paths.Length)]);
                    await response.Content.ReadAsByteArrayAsync();
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { Interlocked.Increment(ref errors); }
                times.Add(clock.Elapsed.TotalMilliseconds);
                await Task.Delay(rng.Next(100, 400)); // a user reads before the next click
            }
        })));
        return (times.Order().ToArray(), errors, wall.Elapsed);
    }
}
