using System.Net;
using System.Text.RegularExpressions;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Storage;
using ClinicalGAM.Web.Services;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.EndToEnd.Tests.Access;

/// <summary>
/// The real app in team mode (ClinicalGam:Accounts=true) on a temporary database, hosted in-process: project Alpha
/// (owner alice, viewer vic, analyst ann) and project Bravo (owner bob), each with a cohort and a fitted model whose names carry a
/// marker word ("zebra", "quokka" for Bravo), so a page or download that leaks Bravo's data to alice is caught.
/// </summary>
public sealed partial class TeamModeApp : IAsyncLifetime
{
    public const string Password = "Correct-Horse-42-battery";
    public const string Alice = "alice@alpha.example", Vic = "vic@alpha.example", Bob = "bob@bravo.example", Lockee = "lockee@alpha.example",
        Ann = "ann@alpha.example";
    public const string BravoCohortName = "Bravo zebra cohort", BravoModelName = "Bravo quokka model";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"clinicalgam-team-{Guid.NewGuid():N}");
    public WebApplicationFactory<Program> Factory { get; private set; } = default!;
    public IServiceProvider Services => Factory.Services;

    public int AlphaProject { get; private set; }
    public int BravoProject { get; private set; }
    public int AlphaCohort { get; private set; }
    public int BravoCohort { get; private set; }
    public int AlphaModel { get; private set; }
    public int BravoModel { get; private set; }
    public Dictionary<string, string> UserIds { get; } = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:ClinicalGam", $"Data Source={Path.Combine(_folder, "team.db")}");
            b.UseSetting("ClinicalGam:Accounts", "true");
            b.UseSetting("ClinicalGam:LoadSampleCohort", "false");
            b.UseEnvironment("Development");
        });
        _ = Factory.Server; // starts the host: migrations applied

        var accounts = Services.GetRequiredService<AccountStore>();
        foreach (var email in new[] { Alice, Vic, Bob, Lockee, Ann })
            Assert.True((await accounts.CreateUserAsync(email, Password, siteAdmin: false, "test set-up", "test")).Succeeded);
        foreach (var a in await accounts.ListAsync()) UserIds[a.Email] = a.Id;

        var projects = Services.GetRequiredService<ProjectStore>();
        AlphaProject = await projects.CreateAsync("Alpha", UserIds[Alice]);
        BravoProject = await projects.CreateAsync("Bravo", UserIds[Bob]);
        Assert.True(await projects.SetMemberAsync(AlphaProject, Vic, ProjectRole.Viewer));
        Assert.True(await projects.SetMemberAsync(AlphaProject, Lockee, ProjectRole.Viewer));
        Assert.True(await projects.SetMemberAsync(AlphaProject, Ann, ProjectRole.Analyst));

        (AlphaCohort, AlphaModel) = await CohortAndModelAsync(AlphaProject, Alice, "Alpha cohort", "Alpha model", 1);
        (BravoCohort, BravoModel) = await CohortAndModelAsync(BravoProject, Bob, BravoCohortName, BravoModelName, 2);
    }

    public ProjectScope ScopeOf(string email, int project, ProjectRole role) => new(project, role, email, false, UserIds[email]);

    /// <summary>The scope the app itself gives the signed-in account (its current project and its role there, from the database).</summary>
    public async Task<ProjectScope> ScopeOfAccountAsync(string email)
    {
        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, UserIds[email])], "test"));
        return await Services.GetRequiredService<ClinicalGAM.Web.Accounts.ProjectAccess>().ScopeOfAsync(principal, "test client");
    }

    // Uploaded and fitted through the app's own services, as the owner of the project.
    private async Task<(int Cohort, int Model)> CohortAndModelAsync(int project, string owner, string cohortName, string modelName, int seed)
    {
        using var _ = ProjectScope.Enter(ScopeOf(owner, project, ProjectRole.Owner));
        var table = CohortCsvReader.Read(TestCohorts.WriteSmall(_folder, seed, $"cohort{seed}.csv"));
        int cohort = await Services.GetRequiredService<CohortService>().SaveAsync(table, cohortName, $"cohort{seed}.csv");
        var spec = new ModelSpecification
        {
            Outcome = "smm", Features = ["maternal_age", "hemoglobin_g_dl", "delivery_mode"], Seed = seed, Bags = 2, Interactions = 0,
        };
        var job = Services.GetRequiredService<FitJobService>().Start(cohort, modelName, spec);
        for (int i = 0; i < 600 && job.IsActive; i++) await Task.Delay(100);
        Assert.True(job.Status == FitStatus.Succeeded, $"fit {modelName}: {job.Status} {job.Error}");
        return (cohort, job.ModelId!.Value);
    }

    /// <summary>A client that does not follow redirects (so a 302 to the sign-in page is seen) and keeps cookies.</summary>
    public HttpClient Anonymous() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the real form (antiforgery token included) and returns the response and the client.</summary>
    public async Task<(HttpResponseMessage Response, HttpClient Client)> SignInAsync(string email, string password = Password, HttpClient? client = null)
    {
        client ??= Anonymous();
        var form = await client.GetStringAsync("/account/sign-in");
        var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = TokenIn(form),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
        return (response, client);
    }

    public async Task<HttpClient> SignedInAsync(string email)
    {
        var (response, client) = await SignInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static string TokenIn(string html) => AntiforgeryField().Match(html) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("no antiforgery token on the page");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
