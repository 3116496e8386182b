using ClinicalGAM.Cli.Commands;
using ClinicalGAM.Core.Data;
using ClinicalGAM.TestFiles;
using Npgsql;

namespace ClinicalGAM.Cli.Tests.Commands;

/// <summary>`import-sql` against the PostgreSQL server test.sh starts: the delivery cohort as a CSV, and no file at all on any error.</summary>
public class ImportSqlCommandTests(OmopDatabase omop) : IClassFixture<OmopDatabase>
{
    [Fact]
    public void The_delivery_cohort_is_written_as_a_csv_the_other_verbs_read()
    {
        using var h = new CliHarness();
        string output = h.PathOf("deliveries.csv");

        var result = CliHarness.Run(new ImportSqlCommand(),
            "--connection", omop.ConnectionString, "--query", OmopDatabase.DeliveryCohortQuery, "--out", output);

        Assert.Equal(0, result.ExitCode);
        var expected = omop.Deliveries.OrderBy(d => d.VisitId).ToList();
        Assert.Contains($"{expected.Count:N0} rows x 7 columns from PostgreSQL", result.Stdout);
        Assert.Matches(@"unit_code\s+Categorical", result.Stdout);
        var table = CohortCsvReader.Read(output);
        Assert.Equal(expected.Count, table.RowCount);
        var hb = (NumericColumn)table["haemoglobin"];
        var pph = (NumericColumn)table["pph"];
        for (int r = 0; r < expected.Count; r++)
        {
            Assert.Equal(expected[r].Haemoglobin ?? double.NaN, hb[r], 1e-12);
            Assert.Equal(expected[r].Haemorrhage ? 1.0 : 0.0, pph[r]);
        }
        // The CSV loses the PostgreSQL type of the varchar codes ('001' reads back as a number): the verb says so.
        Assert.Contains("note: column 'unit_code' is Categorical from PostgreSQL but reads back from the CSV as Numeric", result.Stderr);
    }

    [Fact]
    public void The_query_can_come_from_a_file()
    {
        using var h = new CliHarness();
        string file = h.Write("cohort.sql", "SELECT person_id, year_of_birth FROM person ORDER BY person_id;\n");

        var result = CliHarness.Run(new ImportSqlCommand(),
            "--connection", omop.ConnectionString, "--query-file", file, "--out", h.PathOf("people.csv"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(omop.CountRows("person"), CohortCsvReader.Read(h.PathOf("people.csv")).RowCount);
    }

    public static TheoryData<string, string> BadQueries => new()
    {
        { "SELECT person_id FROM person WHERE false", "returned no rows" },
        { "DELETE FROM person", "starts with DELETE" },
        { "SELECT person_id FROM persons", "relation \"persons\" does not exist" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public void A_bad_query_is_one_error_line_and_no_file(string sql, string why)
    {
        using var h = new CliHarness();
        string output = h.PathOf("cohort.csv");

        var result = CliHarness.Run(new ImportSqlCommand(), "--connection", omop.ConnectionString, "--query", sql, "--out", output);

        Assert.Equal(CliApp.Failed, result.ExitCode);
        Assert.StartsWith("error: ", result.Stderr);
        Assert.Contains(why, result.Stderr);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(h.Folder));
    }

    [Fact]
    public void A_refused_connection_and_a_wrong_password_are_errors_without_a_file()
    {
        using var h = new CliHarness();
        var closed = new NpgsqlConnectionStringBuilder(omop.ConnectionString) { Port = ClosedPort() }.ConnectionString;
        var wrong = new NpgsqlConnectionStringBuilder(omop.ConnectionString) { Password = "wrong" }.ConnectionString;

        var refused = CliHarness.Run(new ImportSqlCommand(), "--connection", closed, "--query", "SELECT 1 AS a", "--out", h.PathOf("a.csv"));
        var rejected = CliHarness.Run(new ImportSqlCommand(), "--connection", wrong, "--query", "SELECT 1 AS a", "--out", h.PathOf("b.csv"));

        Assert.Equal(CliApp.Failed, refused.ExitCode);
        Assert.Contains("was refused", refused.Stderr);
        Assert.Equal(CliApp.Failed, rejected.ExitCode);
        Assert.Contains("rejected the user name or password", rejected.Stderr);
        Assert.Empty(Directory.GetFiles(h.Folder));
    }

    [Fact]
    public void Without_a_query_the_usage_is_shown()
    {
        using var h = new CliHarness();

        var result = CliHarness.Run(new ImportSqlCommand(), "--connection", omop.ConnectionString, "--out", h.PathOf("c.csv"));

        Assert.Equal(CliApp.BadUsage, result.ExitCode);
        Assert.Contains("--query \"SELECT ...\" or --query-file", result.Stderr);
    }

    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
