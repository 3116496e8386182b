using System.Net;
using ClinicalGAM.Storage;
using ClinicalGAM.Web.Accounts;
using ClinicalGAM.Web.Services;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.EndToEnd.Tests.Access;

/// <summary>
/// Team mode through the real app: every page and endpoint (enumerated from the app's own endpoint table, so a new
/// one is covered without editing this file) needs a signed-in user, shows nothing of another project when its ids
/// are guessed, and enforces the project roles; sign-in locks out after repeated failures; all of it is audited.
/// </summary>
public sealed partial class AccessTests(TeamModeApp app) : IClassFixture<TeamModeApp>
{
    // Every route the app serves to a browser or a download, with its parameters left in (static files and the
    // circuit's own hub excluded: they carry no project data).
    private IReadOnlyList<(string Pattern, RouteEndpoint Endpoint)> Routes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is not { } methods || methods.Contains("GET"))
            .Select(e => ("/" + (e.RoutePattern.RawText ?? "").TrimStart('/'), e))
            .Where(r => !r.Item1.StartsWith("/_blazor", StringComparison.Ordinal) && !r.Item1.StartsWith("/_framework", StringComparison.Ordinal)
                        && !r.Item1.Contains(":file}", StringComparison.Ordinal)) // static files (Development's fallback for build-output assets)
            .DistinctBy(r => r.Item1)
            .ToList();

    private static bool IsPage(RouteEndpoint e) => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;

    // An id of the given project for each route parameter; a parameter without a rule fails the test, so a new
    // kind of route must say here which object it names.
    private string Fill(string pattern, int cohort, int model, int project)
    {
        var parsed = RoutePatternFactory.Parse(pattern);
        string path = pattern;
        foreach (var p in parsed.Parameters)
        {
            string value = (p.Name.ToLowerInvariant(), pattern) switch
            {
                ("id", _) when pattern.StartsWith("/cohorts/", StringComparison.Ordinal) => cohort.ToString(),
                ("id", _) when pattern.StartsWith("/models/", StringComparison.Ordinal) => model.ToString(),
                ("id", _) when pattern.StartsWith("/projects/", StringComparison.Ordinal) => project.ToString(),
                _ => throw new Xunit.Sdk.XunitException($"No id rule for the route '{pattern}' parameter '{p.Name}': add one to AccessTests.Fill."),
            };
            path = System.Text.RegularExpressions.Regex.Replace(path, "\\{" + p.Name + "[^}]*\\}", value);
        }
        return path;
    }

    [Fact]
    public void The_route_table_holds_the_pages_and_downloads_the_checks_below_cover()
    {
        var patterns = Routes().Select(r => r.Pattern).ToList();
        foreach (var expected in new[] { "/", "/cohorts/{Id:int}", "/models/{Id:int}", "/upload", "/audit", "/projects", "/admin/accounts",
                     "/models/{id:int}/model.json", "/models/{id:int}/report.html", "/models/{id:int}/scores.csv", "/audit.csv" })
            Assert.Contains(expected, patterns);
        Assert.True(patterns.Count >= 20, $"only {patterns.Count} routes: {string.Join(", ", patterns)}");
    }

    [Fact]
    public async Task Without_signing_in_every_page_and_download_redirects_to_the_sign_in_page()
    {
        var client = app.Anonymous();
        var open = new List<string>();
        foreach (var (pattern, endpoint) in Routes())
        {
            var path = Fill(pattern, app.AlphaCohort, app.AlphaModel, app.AlphaProject);
            var response = await client.GetAsync(path);
            bool toSignIn = response.StatusCode == HttpStatusCode.Redirect
                            && response.Headers.Location!.AbsolutePath == AccessExtensions.SignInPath;
            if (!toSignIn) open.Add($"{path} -> {(int)response.StatusCode}");
        }
        // Only the sign-in page itself is served to anyone (even the error pages need an account).
        Assert.Equal(["/account/sign-in -> 200"], open);
    }

    [Fact]
    public async Task A_member_of_project_Alpha_gets_nothing_of_project_Bravo_by_guessing_its_ids()
    {
        var alice = await app.SignedInAsync(TeamModeApp.Alice);
        var bob = await app.SignedInAsync(TeamModeApp.Bob);
        var leaks = new List<string>();
        int downloads = 0;
        foreach (var (pattern, endpoint) in Routes())
        {
            var path = Fill(pattern, app.BravoCohort, app.BravoModel, app.BravoProject);
            var response = await alice.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            if (body.Contains("zebra", StringComparison.OrdinalIgnoreCase) || body.Contains("quokka", StringComparison.OrdinalIgnoreCase))
                leaks.Add($"{path}: Bravo's names in the response");
            bool named = pattern.Contains('{');
            if (named && !IsPage(endpoint))
            {
                downloads++;
                if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden))
                    leaks.Add($"{path}: {(int)response.StatusCode} for alice");
                // The owner of Bravo does get it: the 404 above is about the project, not a broken route.
                var own = await bob.GetAsync(path);
                if (!own.IsSuccessStatusCode && own.StatusCode != HttpStatusCode.Redirect && own.StatusCode != HttpStatusCode.UnprocessableEntity)
                    leaks.Add($"{path}: {(int)own.StatusCode} for bob (expected his own download)");
            }
        }
        Assert.Empty(leaks);
        Assert.True(downloads >= 6, $"{downloads} downloads checked");

        // Positive controls: Bravo's owner sees its cohort page and its trail; alice's trail lacks it.
        Assert.Contains(TeamModeApp.BravoCohortName, await bob.GetStringAsync($"/cohorts/{app.BravoCohort}"));
        Assert.Contains("zebra", await bob.GetStringAsync("/audit.csv"));
        Assert.Contains("Alpha cohort", await alice.GetStringAsync("/audit.csv"));
        Assert.Contains("Alpha cohort", await alice.GetStringAsync("/"));
    }

    [Theory]
    [InlineData("/upload")]
    [InlineData("/cohorts/import-sql")]
    [InlineData("/models/import")]
    [InlineData("/audit")]
    [InlineData("/audit.csv")]
    [InlineData("/admin/accounts")]
    public async Task A_viewer_is_turned_away_from_pages_that_change_things_or_manage_the_project(string path)
    {
        var vic = await app.SignedInAsync(TeamModeApp.Vic);
        var response = await vic.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/access-denied", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task A_viewer_cannot_fit_or_edit_but_reads_the_projects_models_and_reports()
    {
        var vic = await app.SignedInAsync(TeamModeApp.Vic);
        foreach (var path in new[] { $"/cohorts/{app.AlphaCohort}/fit", $"/models/{app.AlphaModel}/edit", $"/models/{app.AlphaModel}/fairness" })
        {
            var response = await vic.GetAsync(path);
            Assert.Equal("/account/access-denied", response.Headers.Location?.AbsolutePath);
        }
        foreach (var path in new[] { $"/models/{app.AlphaModel}", $"/models/{app.AlphaModel}/report.html", $"/models/{app.AlphaModel}/model.json" })
            Assert.Equal(HttpStatusCode.OK, (await vic.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Behind_the_pages_the_services_refuse_a_viewers_upload_fit_edit_and_sharing()
    {
        using var _ = ProjectScope.Enter(app.ScopeOf(TeamModeApp.Vic, app.AlphaProject, ProjectRole.Viewer));
        var store = app.Services.GetRequiredService<IWorkbenchStore>();
        var table = await store.LoadCohortAsync(app.AlphaCohort); // reading is allowed
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => store.SaveCohortAsync(table, "copy", "copy.csv"));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => store.AddDerivedFeatureAsync(app.AlphaCohort, "bmi2", "maternal_age * 2"));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => store.CreateFitRunAsync(app.AlphaCohort, new() { Outcome = "smm", Features = ["maternal_age"] }));
        Assert.Throws<UnauthorizedAccessException>(() => app.Services.GetRequiredService<FitJobService>()
            .Start(app.AlphaCohort, "no", new() { Outcome = "smm", Features = ["maternal_age"] }));
        var entry = (await store.FindModelAsync(app.AlphaModel))!;
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => store.SaveModelAsync(app.AlphaCohort, "edited", entry.Model, entry.Specification, entry.Metrics));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => app.Services.GetRequiredService<ProjectSharing>().ShareAsync(TeamModeApp.Bob, ProjectRole.Owner));
        // Another project's cohort is simply not there.
        Assert.Null(await store.FindCohortAsync(app.BravoCohort));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one_and_the_trail_says_so()
    {
        for (int i = 1; i <= 5; i++)
        {
            var (failed, _) = await app.SignInAsync(TeamModeApp.Lockee, "Wrong-password-" + i);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode); // the form again, with the reason
            var text = await failed.Content.ReadAsStringAsync();
            Assert.Contains(i < 5 ? "Wrong e-mail or password." : "locked for 15 minutes", text);
        }
        var (right, client) = await app.SignInAsync(TeamModeApp.Lockee);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked for 15 minutes", await right.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode); // still signed out

        var trail = await app.Services.GetRequiredService<AuditStore>().ListAsync();
        var mine = trail.Where(a => a.Who == TeamModeApp.Lockee).ToList();
        Assert.Equal(4, mine.Count(a => a.Action == "sign-in-failed"));
        Assert.Equal(2, mine.Count(a => a.Action == "lockout"));
        Assert.All(mine, a => Assert.Null(a.ProjectId));
        Assert.All(mine, a => Assert.False(string.IsNullOrEmpty(a.From)));
    }

    [Fact]
    public async Task Signing_in_sets_a_strict_http_only_cookie_and_signing_out_ends_the_session_both_audited()
    {
        var (response, client) = await app.SignInAsync(TeamModeApp.Bob);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ClinicalGAM.Auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);

        var home = await client.GetStringAsync("/");
        Assert.Contains("Bravo", home); // the switcher names the current project
        var signOut = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["__RequestVerificationToken"] = TeamModeApp.TokenIn(home) }));
        Assert.Equal(AccessExtensions.SignInPath, signOut.Headers.Location?.OriginalString);
        Assert.Equal(AccessExtensions.SignInPath, (await client.GetAsync("/")).Headers.Location?.AbsolutePath);

        // Without the antiforgery token, signing out (a state change) is refused.
        var (_, other) = await app.SignInAsync(TeamModeApp.Bob);
        var forged = await other.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var trail = await app.Services.GetRequiredService<AuditStore>().ListAsync();
        Assert.Contains(trail, a => a.Who == TeamModeApp.Bob && a.Action == "sign-in");
        Assert.Contains(trail, a => a.Who == TeamModeApp.Bob && a.Action == "sign-out");
    }

    [Fact]
    public async Task An_owner_shares_a_new_project_and_the_member_then_reads_it_with_the_share_on_the_projects_trail()
    {
        var accounts = app.Services.GetRequiredService<AccountStore>();
        Assert.True((await accounts.CreateUserAsync("carol@charlie.example", TeamModeApp.Password, false, "test", "test")).Succeeded);
        Assert.True((await accounts.CreateUserAsync("dan@charlie.example", TeamModeApp.Password, false, "test", "test")).Succeeded);
        string carol = (await accounts.ListAsync()).Single(a => a.Email == "carol@charlie.example").Id;
        var sharing = app.Services.GetRequiredService<ProjectSharing>();

        int charlie;
        using (ProjectScope.Enter(new ProjectScope(0, ProjectRole.None, "carol@charlie.example", false, carol, "test")))
            charlie = await sharing.CreateAsync("Charlie");
        using (ProjectScope.Enter(new ProjectScope(charlie, ProjectRole.Owner, "carol@charlie.example", false, carol, "test")))
        {
            Assert.False(await sharing.ShareAsync("nobody@charlie.example", ProjectRole.Viewer));
            Assert.True(await sharing.ShareAsync("dan@charlie.example", ProjectRole.Analyst));
            Assert.Equal(["carol@charlie.example owner", "dan@charlie.example analyst"],
                (await sharing.MembersAsync()).Select(m => $"{m.Email} {m.Role.ToString().ToLowerInvariant()}"));
            var projectTrail = await app.Services.GetRequiredService<AuditStore>().ListAsync();
            Assert.Contains(projectTrail, a => a.Action == "share" && a.Detail == "dan@charlie.example as analyst" && a.ProjectId == charlie);
            Assert.DoesNotContain(projectTrail, a => a.Detail.Contains("zebra"));
        }

        var dan = await app.SignedInAsync("dan@charlie.example");
        var projects = await dan.GetStringAsync("/projects");
        Assert.Contains("Charlie", projects);
        Assert.Equal(HttpStatusCode.OK, (await dan.GetAsync("/upload")).StatusCode); // analyst
        Assert.Equal("/account/access-denied", (await dan.GetAsync("/audit")).Headers.Location?.AbsolutePath); // not owner
    }
}
