using ClinicalGAM.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ClinicalGAM.EndToEnd.Tests.Access;

/// <summary>
/// Team mode in the browser, on its own app process: the administrator (made as the CLI makes it, no seeded account)
/// signs in, creates a project, shares it with a colleague as viewer and signs out; the colleague signs in, finds the
/// project and is turned away from the upload page. Screenshots: test-artifacts/team-*.png.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TeamModeJourneyTests(AppServerFixture fixture)
{
    private const string Password = "Correct-Horse-42-battery";

    [Fact]
    public async Task An_administrator_signs_in_creates_a_project_and_shares_it_with_a_viewer()
    {
        string dataDir = Path.Combine(Path.GetTempPath(), $"clinicalgam-team-e2e-{Guid.NewGuid():N}");
        await using var app = new AppProcess(dataDir, fixture.RepoRoot);
        await CreateAccountsAsync(app.DatabasePath);
        app.Settings["ClinicalGam__Accounts"] = "true";
        await app.StartAsync();

        var page = await fixture.NewPageAsync();
        var missing = new List<string>();
        page.Response += (_, r) => { if (r.Status == 404) lock (missing) missing.Add(r.Url); };
        await page.GotoAsync(app.BaseUrl + "/projects");
        await page.WaitForURLAsync("**/account/sign-in**");
        await page.FillAsync("#email", "lead@ward7.example");
        await page.FillAsync("#password", "not-the-password-1A!");
        await page.ClickAsync("#sign-in");
        await Assertions.Expect(page.Locator("#sign-in-error")).ToContainTextAsync("Wrong e-mail or password");
        await Shot(page, "team-01-sign-in-refused");

        await page.FillAsync("#email", "lead@ward7.example");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync("**/projects");
        await page.Locator("#app-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.Locator("#signed-in-as")).ToHaveTextAsync("lead@ward7.example");

        await page.FillAsync("#new-project-name", "Ward 7 anaemia study");
        await page.ClickAsync("#create-project");
        await Assertions.Expect(page.Locator("#my-projects")).ToContainTextAsync("Ward 7 anaemia study (current)");
        await page.Locator("#app-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.FillAsync("#share-email", "dana@ward7.example");
        await page.ClickAsync("#share");
        await Assertions.Expect(page.Locator("#member-list")).ToContainTextAsync("dana@ward7.example");
        await Assertions.Expect(page.Locator("#member-list")).ToContainTextAsync("viewer");
        await Shot(page, "team-02-project-shared");

        await page.ClickAsync("#sign-out");
        await page.WaitForURLAsync("**/account/sign-in**");

        await page.FillAsync("#email", "dana@ward7.example");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync(app.BaseUrl + "/projects");
        await Assertions.Expect(page.Locator("#my-projects")).ToContainTextAsync("Ward 7 anaemia study (current)");
        await Assertions.Expect(page.Locator("#project-switcher")).ToContainTextAsync("Ward 7 anaemia study");
        await Shot(page, "team-03-viewer-projects");

        await page.GotoAsync(app.BaseUrl + "/upload");
        await Assertions.Expect(page.Locator("#access-denied")).ToBeVisibleAsync();
        await Shot(page, "team-04-viewer-cannot-upload");
        // No CSP violation on any page (the sign-in form included), and no page or asset the app links to is missing
        // (the browser's own favicon request is not one of them).
        Assert.DoesNotContain(fixture.BrowserErrorsOf(page), e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(missing);

        // A viewer's browser session cannot export the trail either.
        var export = await page.APIRequest.GetAsync(app.BaseUrl + "/audit.csv", new() { MaxRedirects = 0 });
        Assert.Equal(302, export.Status);
        Assert.EndsWith("/account/access-denied?ReturnUrl=%2Faudit.csv", export.Headers["location"]);
        await page.Context.CloseAsync();

        // The trail names the people, where they came from (also for what was done over the live circuit), and the share.
        var trail = await TrailAsync(app.DatabasePath);
        Assert.Contains(trail, a => a is { Action: "sign-in-failed", Who: "lead@ward7.example" });
        var share = Assert.Single(trail, a => a.Action == "share");
        Assert.Equal(("lead@ward7.example", "dana@ward7.example as viewer"), (share.Who, share.Detail));
        Assert.Contains("127.0.0.1", share.From);
        Assert.NotNull(share.ProjectId);
        Assert.Contains(trail, a => a is { Action: "sign-in", Who: "dana@ward7.example" });
    }

    private static async Task<IReadOnlyList<AuditRecord>> TrailAsync(string databasePath)
    {
        await using var provider = new ServiceCollection().AddClinicalGamStorage($"Data Source={databasePath}").BuildServiceProvider();
        return await provider.GetRequiredService<AuditStore>().ListAsync();
    }

    // What `clinicalgam admin create-user` does: the database migrated, accounts created with the rules applied.
    private static async Task CreateAccountsAsync(string databasePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        var services = new ServiceCollection().AddClinicalGamStorage($"Data Source={databasePath}");
        services.AddClinicalGamAccounts();
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var accounts = provider.GetRequiredService<AccountStore>();
        Assert.True((await accounts.CreateUserAsync("lead@ward7.example", Password, siteAdmin: true, "test", "test")).Succeeded);
        Assert.True((await accounts.CreateUserAsync("dana@ward7.example", Password, siteAdmin: false, "test", "test")).Succeeded);
    }

    private Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ArtifactsDir, name + ".png"), FullPage = true });
}
