using Bunit;
using ClinicalGAM.TestFiles;
using ClinicalGAM.Web.Components.Pages.Cohorts;
using ClinicalGAM.Web.Services.Sql;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ClinicalGAM.Web.Tests.Cohorts;

/// <summary>
/// The PostgreSQL import page against the real server test.sh starts: preview of the first 20 rows with their kinds,
/// import of the delivery cohort, and each bad case shown as an error with nothing saved.
/// </summary>
public sealed class ImportSqlPageTests : WebTestContext, IClassFixture<OmopDatabase>, IDisposable
{
    private readonly OmopDatabase _omop;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "clinicalgam-sqlpage-" + Guid.NewGuid().ToString("N"));
    private readonly SqlConnectionStore _connections;

    public ImportSqlPageTests(OmopDatabase omop)
    {
        _omop = omop;
        _connections = new SqlConnectionStore(_folder, DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(_folder, "keys"))));
        Ctx.Services.AddSingleton(_connections);
        Ctx.Services.AddTransient<SqlImportSession>();
    }

    private void SaveConnection(Action<NpgsqlConnectionStringBuilder>? change = null)
    {
        var b = new NpgsqlConnectionStringBuilder(_omop.ConnectionString);
        change?.Invoke(b);
        _connections.Save(new SqlConnectionForm { Name = "test", Host = b.Host!, Port = b.Port, Database = b.Database!, Username = b.Username!, Password = b.Password! });
    }

    private string Qualified(string sql) => _omop.Qualify(sql);

    private IRenderedComponent<ImportSql> RenderWithQuery(string sql)
    {
        var page = Ctx.Render<ImportSql>();
        page.Find("#sql-query").Change(sql);
        return page;
    }

    [Fact]
    public void The_preview_shows_20_rows_with_kinds_and_import_saves_the_whole_cohort()
    {
        SaveConnection();
        var page = RenderWithQuery(Qualified(OmopDatabase.DeliveryCohortQuery));

        page.Find("#sql-preview").Click();

        page.WaitForAssertion(() => Assert.Contains("First 20 rows, 7 columns", page.Find("#sql-preview-panel").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal(20, page.FindAll(".sql-preview-rows tbody tr").Count);
        var kinds = page.FindAll(".preview-kind").Select(k => k.TextContent.Trim()).ToList();
        Assert.Equal(["Identifier", "Numeric", "Date", "Categorical", "Numeric", "Numeric", "Binary"], kinds);
        var first = _omop.Deliveries.OrderBy(d => d.VisitId).First();
        var cells = page.FindAll(".sql-preview-rows tbody tr")[0].QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        Assert.Equal([first.VisitId.ToString(), first.Age.ToString(), first.Date.ToString("yyyy-MM-dd")], cells.Take(3));
        Assert.Empty(Store.ListCohortsAsync().Result);

        page.Find("input#sql-cohort-name").Change("Deliveries 2015-2023");
        page.Find("#sql-import").Click();

        page.WaitForAssertion(() => Assert.Single(Store.ListCohortsAsync().Result), TimeSpan.FromSeconds(10));
        var saved = Store.ListCohortsAsync().Result[0];
        Assert.Equal("Deliveries 2015-2023", saved.Name);
        Assert.Equal(_omop.Deliveries.Count, saved.Rows);
        Assert.StartsWith("postgres:clinicalgam@127.0.0.1:", saved.Source);
        Assert.EndsWith($"cohorts/{saved.Id}", Ctx.Services.GetRequiredService<NavigationManager>().Uri);
    }

    public static TheoryData<string, string> BadQueries => new()
    {
        { "SELECT person_id FROM person WHERE year_of_birth > 3000", "The query returned no rows" },
        { "SELECT person_id, weight FROM person", "column \"weight\" does not exist" },
        { "DROP TABLE person", "starts with DROP" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public void A_bad_query_shows_why_and_saves_nothing(string sql, string why)
    {
        SaveConnection();
        var page = RenderWithQuery(Qualified(sql));

        page.Find("#sql-preview").Click();

        page.WaitForAssertion(() => Assert.Contains(why, page.Find(".sql-error").TextContent), TimeSpan.FromSeconds(10));
        Assert.Contains("Nothing was saved.", page.Find(".sql-error").TextContent);
        Assert.Empty(page.FindAll("#sql-preview-panel"));
        Assert.Empty(Store.ListCohortsAsync().Result);
        Assert.Equal(240, _omop.CountRows("person"));
    }

    [Fact]
    public void A_wrong_password_and_a_refused_connection_are_named()
    {
        SaveConnection(b => b.Password = "wrong");
        var page = RenderWithQuery("SELECT 1 AS a");
        page.Find("#sql-preview").Click();
        page.WaitForAssertion(() => Assert.Contains("rejected the user name or password", page.Find(".sql-error").TextContent), TimeSpan.FromSeconds(10));

        SaveConnection(b => b.Port = ClosedPort()); // same name: replaces the saved connection
        page = RenderWithQuery("SELECT 1 AS a");
        page.Find("#sql-preview").Click();
        page.WaitForAssertion(() => Assert.Contains("was refused", page.Find(".sql-error").TextContent), TimeSpan.FromSeconds(10));
        Assert.Empty(Store.ListCohortsAsync().Result);
    }

    [Fact]
    public void Without_a_saved_connection_the_form_is_open_and_preview_disabled()
    {
        var page = Ctx.Render<ImportSql>();

        Assert.NotNull(page.Find("#conn-password"));
        Assert.True(page.Find("#sql-preview").HasAttribute("disabled"));
    }

    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
