using System.Globalization;
using System.Net;
using ClinicalGAM.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ClinicalGAM.EndToEnd.Tests.Access;

/// <summary>
/// The load measurement of <see cref="LoadBenchmark"/> in team mode (Category=Benchmark, not part of the suite): 20
/// accounts, each signed in with its own session cookie (a lost session would be a redirect, counted as an error),
/// browse the project's pages while two 100-bag fits run or wait. Writes test-artifacts/team-load-benchmark.txt.
/// Run: dotnet test tests/ClinicalGAM.EndToEnd.Tests -c Release --filter FullyQualifiedName~TeamLoadBenchmark
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed class TeamLoadBenchmark(AppServerFixture fixture, ITestOutputHelper output)
{
    private const string Password = "Correct-Horse-42-battery";
    private const int Users = 20;

    [Fact]
    public async Task Twenty_signed_in_users_browse_while_two_fits_run()
    {
        int seconds = int.TryParse(Environment.GetEnvironmentVariable("CLINICALGAM_LOAD_SECONDS"), out int s) ? s : 120;
        string dataDir = Path.Combine(Path.GetTempPath(), $"clinicalgam-team-load-{Guid.NewGuid():N}");
        await using var app = new AppProcess(dataDir, fixture.RepoRoot);
        await CreateAccountsAsync(app.DatabasePath);
        app.Settings["ClinicalGam__Accounts"] = "true";
        await app.StartAsync();

        // User 0 uploads a cohort, fits a small model and starts two long fits, through the browser.
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/account/sign-in");
        await page.FillAsync("#email", Email(0));
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await OpenSignedInAsync(page, app.BaseUrl + "/upload");
        var (cohortPath, modelPath) = await LoadBenchmark.StartWorkAsync(page, app.BaseUrl, dataDir, app.Log);

        var clients = new List<HttpClient>();
        for (int u = 0; u < Users; u++) clients.Add(await SignedInClientAsync(app.BaseUrl, Email(u)));
        string[] paths = ["/", "/cohorts", cohortPath, "/models", modelPath, "/fits", "/projects"];
        var (sorted, errors, wall) = await LoadBenchmark.MeasureAsync(clients, paths, seconds);
        double P(double q) => sorted[(int)Math.Round(q * (sorted.Length - 1))];
        string line = string.Format(CultureInfo.InvariantCulture,
            "team mode: {0} signed-in users, {1} s, {2:N0} requests ({3:0} req/s), {4} errors; page time p50 {5:0} ms, p95 {6:0} ms, max {7:0} ms; " +
            "two 100-bag fits running/queued; {8} cores", Users, seconds, sorted.Length, sorted.Length / wall.TotalSeconds, errors,
            P(0.5), P(0.95), sorted[^1], Environment.ProcessorCount);
        output.WriteLine(line);
        File.WriteAllText(Path.Combine(fixture.ArtifactsDir, "team-load-benchmark.txt"), line + Environment.NewLine);
        foreach (var c in clients) c.Dispose();
        await page.Context.CloseAsync();

        Assert.Equal(0, errors);
        Assert.True(P(0.95) < 1000, line);
    }

    private static async Task OpenSignedInAsync(Microsoft.Playwright.IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.Locator("#app-interactive").WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });
    }

    private static string Email(int user) => $"user{user}@load.example";

    private static async Task<HttpClient> SignedInClientAsync(string baseUrl, string email)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
            { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var form = await http.GetStringAsync("/account/sign-in");
        var response = await http.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in", ["__RequestVerificationToken"] = TeamModeApp.TokenIn(form), ["Input.Email"] = email, ["Input.Password"] = Password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return http;
    }

    // As `clinicalgam admin create-user` would: 20 accounts, user 0 owns the project, the others are analysts in it.
    private static async Task CreateAccountsAsync(string databasePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        var services = new ServiceCollection().AddClinicalGamStorage($"Data Source={databasePath}");
        services.AddClinicalGamAccounts();
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var accounts = provider.GetRequiredService<AccountStore>();
        for (int u = 0; u < Users; u++) Assert.True((await accounts.CreateUserAsync(Email(u), Password, false, "test", "test")).Succeeded);
        var ids = (await accounts.ListAsync()).ToDictionary(a => a.Email, a => a.Id);
        var projects = provider.GetRequiredService<ProjectStore>();
        int project = await projects.CreateAsync("Load study", ids[Email(0)]);
        for (int u = 1; u < Users; u++) Assert.True(await projects.SetMemberAsync(project, Email(u), ProjectRole.Analyst));
    }
}
