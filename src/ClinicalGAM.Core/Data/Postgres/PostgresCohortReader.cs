using ClinicalGAM.Core.Data.Sources;

namespace ClinicalGAM.Core.Data.Postgres;

/// <summary>
/// Reads a cohort from a SQL query on PostgreSQL through the same schema inference, type overrides and errors as a
/// CSV, Excel or Parquet file (<see cref="CohortAssembler"/>). Only a single reading statement is run, in a read-only
/// transaction with a statement timeout; nothing is returned half-read, and nothing is ever written to the database.
/// Column types come from PostgreSQL: numbers stay numbers, booleans are binary 0/1, dates and timestamps are dates
/// (fractional years, as for a CSV date), text is never read as numbers; NULL is missing.
/// </summary>
public static class PostgresCohortReader
{
    /// <summary>The rows a preview shows by default.</summary>
    public const int PreviewRows = 20;

    public static CohortTable Read(PostgresCohortQuery query, CsvReadOptions? options = null, IProgress<double>? progress = null,
        CancellationToken ct = default) =>
        Assemble(query, options, null, progress, ct);

    /// <summary>
    /// The first <paramref name="rows"/> rows with the kinds inferred from them (the full import infers from all rows,
    /// so a kind may differ there). The query runs as a cursor, so the server stops after those rows where it can.
    /// </summary>
    public static CohortTable Preview(PostgresCohortQuery query, CsvReadOptions? options = null, int rows = PreviewRows,
        CancellationToken ct = default) =>
        Assemble(query, options, Math.Max(1, rows), null, ct);

    private static CohortTable Assemble(PostgresCohortQuery query, CsvReadOptions? options, int? limit, IProgress<double>? progress,
        CancellationToken ct)
    {
        options ??= CsvReadOptions.Default;
        progress?.Report(0);
        using var source = PostgresSource.Open(query, limit, ct);
        return CohortAssembler.Assemble(source, options, progress, ct, textColumns: source.TextColumns);
    }
}
