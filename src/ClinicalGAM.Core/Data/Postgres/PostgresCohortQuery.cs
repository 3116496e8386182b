namespace ClinicalGAM.Core.Data.Postgres;

/// <summary>
/// A cohort asked of a PostgreSQL database: where (an Npgsql connection string, e.g.
/// "Host=warehouse;Port=5432;Database=omop;Username=reader;Password=..."), what (one SELECT, one row per patient or
/// delivery) and how long the server may take (the statement timeout).
/// </summary>
public sealed record PostgresCohortQuery(string ConnectionString, string Sql)
{
    /// <summary>The default <see cref="TimeoutSeconds"/>: 5 minutes.</summary>
    public const int DefaultTimeoutSeconds = 300;

    /// <summary>The server stops any one statement that runs longer (statement_timeout). Defaults to 300.</summary>
    public int TimeoutSeconds { get; init; } = DefaultTimeoutSeconds;
}
