using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Data.Postgres;
using ClinicalGAM.TestFiles;
using Npgsql;

namespace ClinicalGAM.Core.Tests.Data.Postgres;

/// <summary>
/// Cohorts read from the real PostgreSQL server test.sh starts, through the same inference as a CSV: a delivery
/// cohort built by one query from an OMOP-shaped schema, checked value by value against the generated patients.
/// </summary>
public class PostgresCohortReaderTests(OmopDatabase omop) : IClassFixture<OmopDatabase>
{
    private PostgresCohortQuery Query(string sql) => new(omop.ConnectionString, sql);

    private CohortFormatException Fails(string sql) =>
        Assert.Throws<CohortFormatException>(() => PostgresCohortReader.Read(Query(sql)));

    [Fact]
    public void The_delivery_cohort_holds_one_row_per_inpatient_visit_with_pivoted_measurements_and_the_haemorrhage_flag()
    {
        var table = PostgresCohortReader.Read(Query(OmopDatabase.DeliveryCohortQuery));

        var expected = omop.Deliveries.OrderBy(d => d.VisitId).ToList();
        Assert.True(expected.Count > 300, $"the fixture should make a few hundred deliveries, made {expected.Count}");
        Assert.Equal(expected.Count, table.RowCount);
        Assert.Equal(["delivery_id", "age", "delivery_date", "unit_code", "haemoglobin", "systolic_bp", "pph"], table.Columns.Select(c => c.Name));
        Assert.Equal(ColumnKind.Identifier, table["delivery_id"].Kind);
        Assert.Equal(ColumnKind.Numeric, table["age"].Kind);
        Assert.Equal(ColumnKind.Date, table["delivery_date"].Kind);
        Assert.Equal(ColumnKind.Categorical, table["unit_code"].Kind); // varchar codes '001', '042' stay labels
        Assert.Equal(ColumnKind.Numeric, table["haemoglobin"].Kind);
        Assert.Equal(ColumnKind.Binary, table["pph"].Kind);
        var age = (NumericColumn)table["age"];
        var date = (NumericColumn)table["delivery_date"];
        var unit = (CategoricalColumn)table["unit_code"];
        var hb = (NumericColumn)table["haemoglobin"];
        var sbp = (NumericColumn)table["systolic_bp"];
        var pph = (NumericColumn)table["pph"];
        for (int r = 0; r < expected.Count; r++)
        {
            var d = expected[r];
            Assert.Equal(d.VisitId.ToString(), table["delivery_id"].Format(r));
            Assert.Equal(d.Age, age[r]);
            Assert.Equal(d.Date.Year + (d.Date.DayOfYear - 1) / (DateTime.IsLeapYear(d.Date.Year) ? 366.0 : 365.0), date[r], 1e-9);
            Assert.Equal(d.Unit.Length == 0 ? null : d.Unit, unit.LevelOf(r));
            Assert.Equal(d.Haemoglobin ?? double.NaN, hb[r], 1e-12);
            Assert.Equal(d.Systolic ?? double.NaN, sbp[r]);
            Assert.Equal(d.Haemorrhage ? 1.0 : 0.0, pph[r]);
        }
        Assert.Contains(expected, d => d.Haemoglobin is null); // NULL (no measurement) really occurred and is missing
        Assert.Equal(expected.Count(d => d.Haemoglobin is null), hb.MissingCount());
    }

    [Fact]
    public void A_users_type_override_applies_as_for_a_file()
    {
        var options = new CsvReadOptions { KindOverrides = new Dictionary<string, ColumnKind> { ["age"] = ColumnKind.Categorical } };

        var table = PostgresCohortReader.Read(Query(OmopDatabase.DeliveryCohortQuery), options);

        Assert.Equal(ColumnKind.Categorical, table["age"].Kind);
        Assert.Equal(omop.Deliveries.OrderBy(d => d.VisitId).First().Age.ToString(), table["age"].Format(0));
    }

    [Fact]
    public void The_preview_holds_the_first_20_rows_with_their_inferred_kinds()
    {
        var preview = PostgresCohortReader.Preview(Query(OmopDatabase.DeliveryCohortQuery));

        Assert.Equal(20, preview.RowCount);
        var first = omop.Deliveries.OrderBy(d => d.VisitId).Take(20).ToList();
        Assert.Equal(first.Select(d => d.VisitId.ToString()), Enumerable.Range(0, 20).Select(r => preview["delivery_id"].Format(r)));
        Assert.Equal(ColumnKind.Date, preview["delivery_date"].Kind);
    }

    [Fact]
    public void Postgres_types_map_to_kinds_and_nulls_nan_and_infinity_are_missing()
    {
        var table = PostgresCohortReader.Read(Query("""
            SELECT * FROM (VALUES
              (1::smallint, 2.5::real, 'NaN'::numeric, true,  timestamp '2020-07-02 12:00', 'a'::text, '7'::varchar, 'Infinity'::float8),
              (2::smallint, NULL,      3.25::numeric,  false, NULL,                          'b',       '8',          4::float8),
              (3::smallint, 1.5,       NULL,           NULL,  timestamp '2021-01-01',        NULL,      '9',          5::float8)
            ) AS t(n, r, num, flag, seen, label, code, f)
            """));

        Assert.Equal(ColumnKind.Binary, table["flag"].Kind);
        Assert.Equal([1.0, 0.0, double.NaN], Enumerable.Range(0, 3).Select(r => ((NumericColumn)table["flag"])[r]));
        Assert.True(table["num"].IsMissing(0)); // numeric NaN
        Assert.Equal(3.25, ((NumericColumn)table["num"])[1]);
        Assert.True(table["f"].IsMissing(0));   // Infinity never reaches the cohort
        Assert.True(table["r"].IsMissing(1));
        Assert.Equal(ColumnKind.Date, table["seen"].Kind);
        Assert.Equal(2021.0, ((NumericColumn)table["seen"])[2], 1e-12);
        Assert.Equal(ColumnKind.Categorical, table["code"].Kind); // digits in a varchar are a code
        Assert.True(table["label"].IsMissing(2));
    }

    [Fact]
    public void An_array_column_is_refused_naming_it_and_the_cast_that_helps()
    {
        var e = Fails("SELECT 1 AS id, ARRAY[1,2] AS readings");

        Assert.Equal("readings", e.Column);
        Assert.Contains("integer[]", e.Message);
        Assert.Contains("Cast it", e.Message);
    }

    [Fact]
    public void Two_columns_of_the_same_name_are_refused_asking_for_AS()
    {
        var e = Fails("SELECT p.person_id, v.person_id, v.visit_occurrence_id FROM person p JOIN visit_occurrence v ON v.person_id = p.person_id");

        Assert.Equal("the query returns two columns named 'person_id' (columns 1 and 2): give each its own name with AS.", e.Message);
    }

    [Fact]
    public void A_refused_connection_names_the_server_and_says_nothing_listens()
    {
        int closed = ClosedPort();
        var query = new PostgresCohortQuery($"Host=127.0.0.1;Port={closed};Database=x;Username=x;Password=x", "SELECT 1 AS a");

        var e = Assert.Throws<CohortFormatException>(() => PostgresCohortReader.Read(query));

        Assert.Contains($"127.0.0.1:{closed} was refused", e.Message);
    }

    [Fact]
    public void A_wrong_password_is_named_as_such()
    {
        var wrong = new NpgsqlConnectionStringBuilder(omop.ConnectionString) { Password = "not-the-password" }.ConnectionString;

        var e = Assert.Throws<CohortFormatException>(() => PostgresCohortReader.Read(new PostgresCohortQuery(wrong, "SELECT 1 AS a")));

        Assert.Contains("rejected the user name or password for user 'clinicalgam'", e.Message);
        Assert.DoesNotContain("not-the-password", e.Message);
    }

    [Fact]
    public void A_failing_query_gives_postgres_message_and_where_in_the_users_text()
    {
        var e = Fails("SELECT person_id,\n       year_of_birth\n  FORM person");

        Assert.Contains("the query failed at line 3, column 8 (near 'person')", e.Message);
        Assert.Contains("syntax error", e.Message);
    }

    [Fact]
    public void An_unknown_column_names_it_with_its_position()
    {
        var e = Fails("SELECT person_id, weight FROM person");

        Assert.Contains("column \"weight\" does not exist", e.Message);
        Assert.Contains("line 1, column 19", e.Message);
    }

    [Fact]
    public void A_query_that_returns_no_rows_is_refused()
    {
        var e = Fails("SELECT person_id, year_of_birth FROM person WHERE year_of_birth > 3000");

        Assert.Contains("returned no rows", e.Message);
    }

    [Theory]
    [InlineData("DELETE FROM person", "starts with DELETE")]
    [InlineData("update person set year_of_birth = 1900", "starts with UPDATE")]
    [InlineData("SELECT 1 AS a; DROP TABLE person", "more than one statement")]
    [InlineData("WITH gone AS (DELETE FROM person RETURNING person_id) SELECT person_id FROM gone", "query failed")]
    public void A_statement_that_would_change_data_is_refused_and_changes_nothing(string sql, string why)
    {
        int before = omop.CountRows("person");

        var e = Fails(sql);

        Assert.Contains(why, e.Message);
        Assert.Equal(before, omop.CountRows("person"));
    }

    [Fact]
    public void A_function_that_writes_is_stopped_by_the_read_only_transaction()
    {
        // A SELECT can still call something that writes; the READ ONLY transaction is what stops it.
        var e = Fails("SELECT nextval('note_id_seq') AS next_note");

        Assert.Contains("tries to change data", e.Message);
        Assert.Contains("read-only transaction", e.Message);
    }

    [Fact]
    public void The_statement_timeout_stops_a_slow_query()
    {
        var query = Query("SELECT pg_sleep(3) AS slept") with { TimeoutSeconds = 1 };

        var e = Assert.Throws<CohortFormatException>(() => PostgresCohortReader.Read(query));

        Assert.Contains("statement timeout (1 s)", e.Message);
    }

    [Fact]
    public void Progress_rises_to_1_and_cancellation_stops_the_read()
    {
        var seen = new List<double>();
        PostgresCohortReader.Read(Query("SELECT g AS id, g % 7 AS dose, (g % 3)::text AS arm FROM generate_series(1, 23000) g"),
            progress: new SyncProgress(seen.Add));
        Assert.Equal(1.0, seen[^1]);
        Assert.True(seen.Count >= 6, $"a block of 5,000 rows per report: {seen.Count} reports");
        Assert.Equal(seen.Order(), seen);
        // The total comes from the server's row count: after the first block of the first pass, 5,000 / 23,000 of its half.
        Assert.Contains(seen, p => Math.Abs(p - 0.5 * 5000 / 23000) < 1e-9);

        using var cancel = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => PostgresCohortReader.Read(
            Query("SELECT g AS id, g % 7 AS dose FROM generate_series(1, 50000) g"),
            progress: new SyncProgress(p => { if (p > 0.1) cancel.Cancel(); }), ct: cancel.Token));
    }

    internal static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class SyncProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
