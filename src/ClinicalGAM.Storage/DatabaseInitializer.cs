using ClinicalGAM.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClinicalGAM.Storage;

/// <summary>What start-up did to the database.</summary>
/// <param name="InterruptedRuns">Fits that were running (their process is gone): failed, offered for re-run.</param>
/// <param name="InterruptedChecks">Checks on models (Goodhart) that were running: marked interrupted.</param>
public sealed record StorageStartup(string JournalMode, int InterruptedRuns, IReadOnlyList<string> AppliedMigrations, int InterruptedChecks = 0);

/// <summary>Start-up: create the folder, apply migrations, switch to WAL, close runs a crash left open, seed a sample.</summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<ClinicalGamDbContext> contexts, FitRunStore runs, CohortStore cohorts, string connectionString,
    CheckRunStore? checks = null)
{
    /// <summary>Brings the database up to date. Safe to call on every start.</summary>
    public async Task<StorageStartup> InitializeAsync(CancellationToken ct = default)
    {
        EnsureFolder(connectionString);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);

        // WAL: readers (pages) never block the writer (a fit) and vice versa. Persistent in the file; in-memory stays "memory".
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        string mode;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode = WAL;";
            mode = Convert.ToString(await command.ExecuteScalarAsync(ct)) ?? "";
        }
        await db.Database.CloseConnectionAsync();
        int interrupted = await runs.FailInterruptedAsync(ct);
        int checksInterrupted = checks is null ? 0 : await checks.InterruptAbandonedAsync(ct);
        return new StorageStartup(mode, interrupted, pending, checksInterrupted);
    }

    /// <summary>
    /// Loads the sample cohort (e.g. sample-data/smm_cohort.csv) with Core's CSV reader when the database has no
    /// cohort yet, returning its id; null when cohorts already exist or the file is absent.
    /// </summary>
    public Task<int?> SeedCohortIfEmptyAsync(string csvPath, string? name = null, CancellationToken ct = default) =>
        SeedCohortIfEmptyAsync(csvPath, stream => CohortCsvReader.Read(stream, ct: ct), name, ct);

    /// <summary>
    /// Loads a cohort from a CSV file when the database has no cohort yet (first start), returning its id; null when
    /// cohorts already exist or the file is absent. The reader is passed in (e.g. s => CohortCsvReader.Read(s)).
    /// </summary>
    public async Task<int?> SeedCohortIfEmptyAsync(
        string csvPath, Func<Stream, CohortTable> read, string? name = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (await db.Cohorts.AnyAsync(ct)) return null;
        }
        if (!File.Exists(csvPath)) return null;

        CohortTable table;
        await using (var stream = File.OpenRead(csvPath)) table = read(stream);
        return await cohorts.SaveAsync(table, name ?? Path.GetFileNameWithoutExtension(csvPath), Path.GetFileName(csvPath), ct);
    }

    private static void EnsureFolder(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(source));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }
}
