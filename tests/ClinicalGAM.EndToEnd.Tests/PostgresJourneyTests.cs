using System.Text;
using ClinicalGAM.TestFiles;
using Microsoft.Playwright;
using Npgsql;

namespace ClinicalGAM.EndToEnd.Tests;

/// <summary>
/// A cohort from PostgreSQL in the browser, against the server test.sh starts: a connection typed and saved (its
/// password nowhere in clear text in the data folder), the delivery query previewed and imported.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PostgresJourneyTests(AppServerFixture app, OmopDatabase omop) : IClassFixture<OmopDatabase>
{
    [Fact]
    public async Task A_connection_is_saved_a_query_previewed_and_the_cohort_imported()
    {
        var server = new NpgsqlConnectionStringBuilder(omop.ServerConnectionString);
        var page = await app.OpenAsync("/cohorts/import-sql");

        await page.FillAsync("#conn-name", "OMOP test warehouse");
        await page.FillAsync("#conn-host", server.Host!);
        await page.FillAsync("#conn-port", server.Port.ToString());
        await page.FillAsync("#conn-database", server.Database!);
        await page.FillAsync("#conn-user", server.Username!);
        await page.FillAsync("#conn-password", server.Password!);
        await page.ClickAsync("#conn-save");

        // A query with a mistake first: PostgreSQL's message, placed in the user's own text, and nothing saved.
        await page.FillAsync("#sql-query", omop.Qualify("SELECT person_id,\n       weight_kg\n  FROM person"));
        await page.Locator("#sql-query").BlurAsync();
        await page.WaitForSelectorAsync("#sql-preview:not([disabled])");
        await page.ClickAsync("#sql-preview");
        var error = page.Locator(".sql-error");
        await error.WaitForAsync();
        Assert.Contains("column \"weight_kg\" does not exist", await error.InnerTextAsync());
        Assert.Contains("line 2, column 8", await error.InnerTextAsync());
        Assert.Contains("Nothing was saved.", await error.InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ArtifactsDir, "23-import-sql-query-error.png") });

        await page.FillAsync("#sql-query", omop.Qualify(OmopDatabase.DeliveryCohortQuery));
        await page.Locator("#sql-query").BlurAsync();
        await page.ClickAsync("#sql-preview");
        await page.Locator("#sql-preview-panel", new() { HasText = "First 20 rows, 7 columns" }).WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ArtifactsDir, "22-import-sql-preview.png"), FullPage = true });

        await page.FillAsync("#sql-cohort-name", "OMOP deliveries");
        await page.ClickAsync("#sql-import");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/cohorts/\d+$"));
        await page.WaitForSelectorAsync("#profile-table");
        Assert.Equal(omop.Deliveries.Count.ToString("N0"), (await page.InnerTextAsync("#row-count")).Trim());

        // The query is on the audit trail as the cohort's provenance.
        var audit = await (await page.APIRequest.GetAsync(app.BaseUrl + "/audit.csv")).TextAsync();
        Assert.Contains($"SQL query on {server.Username}@{server.Host}:{server.Port}/{server.Database}", audit);
        Assert.Contains("FILTER (WHERE m.measurement_concept_id = 3000963)", audit);
        Assert.Contains($"saved database connection {server.Username}@{server.Host}:{server.Port}/{server.Database} (password stored encrypted)", audit);

        // The password is in no file of the data folder in clear text: not the connections file, not the database.
        var password = Encoding.UTF8.GetBytes(server.Password!);
        foreach (var file in Directory.EnumerateFiles(app.DataDir, "*", SearchOption.AllDirectories))
            Assert.True(File.ReadAllBytes(file).AsSpan().IndexOf(password) < 0, $"the password is in clear text in {file}");
        Assert.True(File.Exists(Path.Combine(app.DataDir, "sql-connections.json")));
    }
}
