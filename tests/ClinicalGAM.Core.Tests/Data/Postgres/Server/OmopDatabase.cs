using System.Globalization;
using System.Text;
using Npgsql;

namespace ClinicalGAM.TestFiles;

/// <summary>
/// A small OMOP-CDM-shaped schema (person, visit_occurrence, measurement, condition_occurrence) written into the real
/// PostgreSQL server that test.sh starts (CLINICALGAM_TEST_POSTGRES), in a schema of its own that is dropped at the
/// end. The synthetic patients come from a fixed seed and are also kept here, so a test can compute what the delivery
/// cohort must hold without asking the database. Without the variable the fixture FAILS, naming it: these tests must
/// not pass by being skipped.
/// </summary>
public sealed class OmopDatabase : IDisposable
{
    public const string Variable = "CLINICALGAM_TEST_POSTGRES";
    public const int Seed = 16;
    public const int HaemoglobinConcept = 3000963, SystolicConcept = 3004249, HaemorrhageConcept = 4146745;
    public const int InpatientVisit = 9201, OutpatientVisit = 9202;

    /// <summary>One delivery cohort row as the query must return it, from the generated data.</summary>
    public sealed record Delivery(long VisitId, int Age, DateOnly Date, string Unit, double? Haemoglobin, double? Systolic, bool Haemorrhage);

    public OmopDatabase()
    {
        string? server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
            throw new InvalidOperationException(
                $"{Variable} is not set: these tests need the PostgreSQL server that test.sh starts (tests/postgres-server.sh, " +
                "postgres_start). Run them through test.sh, or start one and export the variable.");
        ServerConnectionString = server;
        Schema = "omop_" + Guid.NewGuid().ToString("N")[..12];
        // Timeout: connecting waits up to 60 s (Npgsql's default is 15): on the 2-core CI machine, with the engine's tests
        // running beside it, the test server once took longer to accept a connection and a query test failed on that.
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = Schema, Timeout = 60 }.ConnectionString;
        Deliveries = Write();
    }

    /// <summary>The server as test.sh gives it (no search path).</summary>
    public string ServerConnectionString { get; }
    /// <summary>The same server with this fixture's schema as the search path.</summary>
    public string ConnectionString { get; }
    public string Schema { get; }
    public IReadOnlyList<Delivery> Deliveries { get; }

    /// <summary>One row per inpatient delivery: age, two measurements pivoted, a text code, the haemorrhage flag as outcome.</summary>
    public const string DeliveryCohortQuery = """
        -- one row per delivery (inpatient visit), measurements pivoted, haemorrhage as the outcome
        SELECT v.visit_occurrence_id                                   AS delivery_id,
               EXTRACT(YEAR FROM v.visit_start_date)::int - p.year_of_birth AS age,
               v.visit_start_date                                      AS delivery_date,
               v.care_site_source_value                                AS unit_code,
               max(m.value_as_number) FILTER (WHERE m.measurement_concept_id = 3000963) AS haemoglobin,
               max(m.value_as_number) FILTER (WHERE m.measurement_concept_id = 3004249) AS systolic_bp,
               EXISTS (SELECT 1 FROM condition_occurrence c
                        WHERE c.visit_occurrence_id = v.visit_occurrence_id
                          AND c.condition_concept_id = 4146745)        AS pph
          FROM visit_occurrence v
          JOIN person p ON p.person_id = v.person_id
          LEFT JOIN measurement m ON m.visit_occurrence_id = v.visit_occurrence_id
         WHERE v.visit_concept_id = 9201
         GROUP BY v.visit_occurrence_id, p.year_of_birth
         ORDER BY v.visit_occurrence_id;
        """;

    /// <summary>The query with this fixture's tables named with their schema, for a connection without a search path (as the web page saves).</summary>
    public string Qualify(string sql) => System.Text.RegularExpressions.Regex.Replace(sql,
        @"\b(FROM|JOIN)\s+(person|visit_occurrence|measurement|condition_occurrence)\b", $"$1 {Schema}.$2");

    public int CountRows(string table)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private List<Delivery> Write()
    {
        var random = new Random(Seed);
        var sql = new StringBuilder($"""
            CREATE SCHEMA {Schema};
            SET search_path = {Schema};
            CREATE TABLE person (person_id bigint PRIMARY KEY, gender_concept_id int NOT NULL, year_of_birth int NOT NULL);
            CREATE TABLE visit_occurrence (visit_occurrence_id bigint PRIMARY KEY, person_id bigint NOT NULL REFERENCES person,
              visit_concept_id int NOT NULL, visit_start_date date NOT NULL, care_site_source_value varchar(10));
            CREATE TABLE measurement (measurement_id bigint PRIMARY KEY, person_id bigint NOT NULL, visit_occurrence_id bigint,
              measurement_concept_id int NOT NULL, measurement_date date NOT NULL, value_as_number numeric);
            CREATE TABLE condition_occurrence (condition_occurrence_id bigint PRIMARY KEY, person_id bigint NOT NULL,
              visit_occurrence_id bigint, condition_concept_id int NOT NULL, condition_start_date date NOT NULL);
            CREATE SEQUENCE note_id_seq;

            """);
        var deliveries = new List<Delivery>();
        long visitId = 1000, measurementId = 1, conditionId = 1;
        string[] units = ["001", "017", "042"];
        for (int person = 1; person <= 240; person++)
        {
            int born = 1975 + random.Next(25);
            sql.Append(Invariant($"INSERT INTO person VALUES ({person}, 8532, {born});\n"));
            int visits = 1 + random.Next(3);
            for (int v = 0; v < visits; v++)
            {
                long visit = visitId += 1 + random.Next(5); // ids with gaps, as in a real warehouse
                bool inpatient = random.NextDouble() < 0.75;
                var date = new DateOnly(2015 + random.Next(9), 1 + random.Next(12), 1 + random.Next(28));
                string? unit = random.NextDouble() < 0.9 ? units[random.Next(units.Length)] : null;
                sql.Append(Invariant($"INSERT INTO visit_occurrence VALUES ({visit}, {person}, {(inpatient ? InpatientVisit : OutpatientVisit)}, '{date:yyyy-MM-dd}', {Quoted(unit)});\n"));
                double? hb = random.NextDouble() < 0.85 ? Math.Round(9 + 5 * random.NextDouble(), 1) : null;
                double? sbp = random.NextDouble() < 0.9 ? 95 + random.Next(70) : null;
                // Two Hb readings where the maximum is what the cohort keeps; measurements outside the visit never count.
                if (hb is { } h)
                {
                    sql.Append(Invariant($"INSERT INTO measurement VALUES ({measurementId++}, {person}, {visit}, {HaemoglobinConcept}, '{date:yyyy-MM-dd}', {h});\n"));
                    sql.Append(Invariant($"INSERT INTO measurement VALUES ({measurementId++}, {person}, {visit}, {HaemoglobinConcept}, '{date:yyyy-MM-dd}', {h - 0.5});\n"));
                }
                if (sbp is { } s)
                    sql.Append(Invariant($"INSERT INTO measurement VALUES ({measurementId++}, {person}, {visit}, {SystolicConcept}, '{date:yyyy-MM-dd}', {s});\n"));
                sql.Append(Invariant($"INSERT INTO measurement VALUES ({measurementId++}, {person}, NULL, {HaemoglobinConcept}, '{date:yyyy-MM-dd}', 99);\n"));
                bool pph = random.NextDouble() < 0.2;
                if (pph)
                    sql.Append(Invariant($"INSERT INTO condition_occurrence VALUES ({conditionId++}, {person}, {visit}, {HaemorrhageConcept}, '{date:yyyy-MM-dd}');\n"));
                else if (random.NextDouble() < 0.1) // another condition in the same visit is not the outcome
                    sql.Append(Invariant($"INSERT INTO condition_occurrence VALUES ({conditionId++}, {person}, {visit}, 201826, '{date:yyyy-MM-dd}');\n"));
                if (inpatient) deliveries.Add(new Delivery(visit, date.Year - born, date, unit ?? "", hb, sbp, pph));
            }
        }
        Execute(sql.ToString());
        return deliveries;
    }

    private static string Quoted(string? text) => text is null ? "NULL" : $"'{text}'";
    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ServerConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        try { Execute($"DROP SCHEMA IF EXISTS {Schema} CASCADE"); }
        catch (NpgsqlException) { } // the server is already gone at the end of test.sh: its directory is deleted anyway
    }
}
