using System.Globalization;
using ClinicalGAM.Cli.Support;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Data.Postgres;

namespace ClinicalGAM.Cli.Commands;

/// <summary>
/// Runs one read-only SELECT on PostgreSQL and writes its rows as a cohort CSV that every other verb reads with
/// --data: a verb of its own, so no verb's options change. The connection string may come from
/// CLINICALGAM_SQL_CONNECTION instead of the command line, to keep the password out of the shell history; the query
/// from a file. The CSV is written only when the whole result was read (never half a file).
/// </summary>
public sealed class ImportSqlCommand : CliCommand
{
    /// <summary>Read when --connection is not given.</summary>
    public const string ConnectionVariable = "CLINICALGAM_SQL_CONNECTION";

    public override string Name => "import-sql";
    public override string Usage =>
        "import-sql [--connection \"Host=...;Port=5432;Database=...;Username=...;Password=...\"] (--query \"SELECT ...\" | --query-file FILE.sql) " +
        $"--out COHORT.csv [--timeout SECONDS (default {PostgresCohortQuery.DefaultTimeoutSeconds})]  (connection from ${ConnectionVariable} when not given)";

    public override string Summary => "Runs one read-only SELECT on PostgreSQL and writes its rows as a cohort CSV.";

    public override string Example =>
        "clinicalgam import-sql --query-file deliveries.sql --out deliveries.csv";

    public override IReadOnlyList<VerbOption> Options =>
    [
        VerbOption.Value("--connection", "CONNECTION", $"Npgsql connection string (Host=...;Port=5432;Database=...;Username=...;Password=...); default: ${ConnectionVariable}, which keeps the password out of the shell history."),
        VerbOption.Value("--query", "SELECT", "The read-only query (or --query-file)."),
        VerbOption.Value("--query-file", "FILE.sql", "A file holding the query (or --query)."),
        CommonOptions.Out("COHORT.csv", "The cohort CSV to write (only when the whole result was read)."),
        VerbOption.Value("--timeout", "SECONDS", "How long the query may run (1 or more).",
            PostgresCohortQuery.DefaultTimeoutSeconds.ToString(CultureInfo.InvariantCulture)),
    ];

    protected internal override int Execute(CliArguments a, TextWriter stdout, TextWriter stderr)
    {
        string connection = a.Optional("--connection") ?? Environment.GetEnvironmentVariable(ConnectionVariable)
            ?? throw new CliUsageException($"give --connection, or set {ConnectionVariable}.");
        string sql = (a.Optional("--query"), a.Optional("--query-file")) switch
        {
            ({ } q, null) => q,
            (null, { } file) => File.Exists(file) ? File.ReadAllText(file) : throw new FileNotFoundException($"The query file '{file}' does not exist.", file),
            (null, null) => throw new CliUsageException("give the query with --query \"SELECT ...\" or --query-file FILE.sql."),
            _ => throw new CliUsageException("give --query or --query-file, not both."),
        };
        string output = a.Required("--out");
        var query = new PostgresCohortQuery(connection, sql) { TimeoutSeconds = a.Int("--timeout", PostgresCohortQuery.DefaultTimeoutSeconds, min: 1) };

        var table = PostgresCohortReader.Read(query, progress: null, ct: CliCancellation.Token);
        CohortFiles.WriteAtomically(output, stream => CohortCsvWriter.Write(table, stream, CliCancellation.Token));

        var inv = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Format(inv, "{0}: {1:N0} rows x {2} columns from PostgreSQL.", output, table.RowCount, table.Columns.Count));
        foreach (var column in table.Columns)
            stdout.WriteLine(string.Format(inv, "  {0,-28} {1,-12} {2,8:P1} missing", column.Name, column.Kind, column.MissingCount() / (double)table.RowCount));
        NoteKindsTheCsvLoses(table, output, stderr);
        return 0;
    }

    // A CSV has no types: a varchar code '042' reads back as a number, a date as a fractional year. Say which columns.
    private static void NoteKindsTheCsvLoses(CohortTable table, string output, TextWriter stderr)
    {
        var reread = CohortCsvReader.Read(output);
        foreach (var column in table.Columns)
            if (reread[column.Name].Kind != column.Kind)
                stderr.WriteLine($"note: column '{column.Name}' is {column.Kind} from PostgreSQL but reads back from the CSV as " +
                                 $"{reread[column.Name].Kind}; the web import (/cohorts/import-sql) keeps the PostgreSQL kind.");
    }
}
