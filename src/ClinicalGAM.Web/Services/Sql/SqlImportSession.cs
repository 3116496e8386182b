using ClinicalGAM.Core.Data.Postgres;

namespace ClinicalGAM.Web.Services.Sql;

/// <summary>
/// One import of a cohort from a SQL query: a preview of the first rows with their inferred kinds (and the user's
/// overrides), then the full read and a save as a whole. Any error leaves nothing saved; the query only ever runs
/// read-only (<see cref="PostgresCohortReader"/>).
/// </summary>
public sealed class SqlImportSession(SqlConnectionStore connections, CohortService cohorts, IWorkbenchStore store)
{
    /// <summary>The saved connection to query; null until one is chosen.</summary>
    public string? ConnectionId { get; set; }

    public string Sql { get; set; } = "";

    /// <summary>The first rows of the last preview; null before one or after an error.</summary>
    public CohortTable? Preview { get; private set; }

    public Dictionary<string, ColumnKind> Overrides { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs the query for its first <see cref="PostgresCohortReader.PreviewRows"/> rows.</summary>
    public async Task PreviewAsync(CancellationToken ct)
    {
        Preview = null;
        var query = Query();
        var options = Options();
        Preview = await Task.Run(() => PostgresCohortReader.Preview(query, options, ct: ct), ct);
    }

    /// <summary>Reads every row with the current overrides and saves the cohort; returns its id.</summary>
    public async Task<int> ImportAsync(string name, IProgress<double> progress, CancellationToken ct)
    {
        var query = Query();
        var options = Options();
        var entry = connections.Find(ConnectionId!)!;
        var table = await Task.Run(() => PostgresCohortReader.Read(query, options, progress, ct), ct);
        name = string.IsNullOrWhiteSpace(name) ? $"{entry.Database} query" : name.Trim();
        int id = await cohorts.SaveAsync(table, name, $"postgres:{entry.Describe()}", ct);
        // The query is the cohort's provenance: kept on the audit trail beside the upload entry.
        await store.AuditAsync("import", name, $"SQL query on {entry.Describe()}: {Sql.Trim()}", cohortId: id, ct: CancellationToken.None);
        Preview = null;
        Overrides.Clear();
        return id;
    }

    /// <summary>Forgets the preview (e.g. after the query or connection changed).</summary>
    public void Reset()
    {
        Preview = null;
        Overrides.Clear();
    }

    private PostgresCohortQuery Query()
    {
        if (ConnectionId is null) throw new InvalidOperationException("Choose or save a connection first.");
        return new PostgresCohortQuery(connections.ConnectionString(ConnectionId), Sql);
    }

    private CsvReadOptions Options() => new() { KindOverrides = new Dictionary<string, ColumnKind>(Overrides) };
}
