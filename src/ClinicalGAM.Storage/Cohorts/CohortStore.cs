using ClinicalGAM.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClinicalGAM.Storage;

/// <summary>
/// Saves and loads cohorts. A save is one transaction: a failure or a cancellation leaves no trace of the cohort.
/// Thread-safe: every call uses its own DbContext.
/// </summary>
public sealed partial class CohortStore(IDbContextFactory<ClinicalGamDbContext> contexts, TimeProvider clock)
{
    public Task<int> SaveAsync(CohortTable table, string name, string? sourceFile = null, CancellationToken ct = default) =>
        SaveAsync(table, name, sourceFile, progress: null, ct);

    /// <summary>Saves a new cohort and returns its id. Progress is the fraction of columns written (0..1).</summary>
    public async Task<int> SaveAsync(
        CohortTable table, string name, string? sourceFile, IProgress<double>? progress, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        await using var db = await contexts.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var cohort = new CohortRecord
        {
            Name = name.Trim(),
            SourceFileName = sourceFile is null ? null : Path.GetFileName(sourceFile),
            RowCount = table.RowCount,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Cohorts.Add(cohort);
        await db.SaveChangesAsync(ct);

        // Encode the next column on the thread pool while this one is written: compression and SQLite overlap.
        Task<CohortColumnRecord>? next = table.Columns.Count > 0 ? EncodeAsync(table.Columns[0], 0, ct) : null;
        try
        {
            for (int c = 0; c < table.Columns.Count; c++)
            {
                var record = await next!;
                next = c + 1 < table.Columns.Count ? EncodeAsync(table.Columns[c + 1], c + 1, ct) : null;
                record.CohortId = cohort.Id;
                db.CohortColumns.Add(record);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear(); // release the blobs: memory stays at about one column
                progress?.Report((c + 1.0) / table.Columns.Count);
            }
        }
        catch
        {
            if (next is not null) await next.ContinueWith(static _ => { }, TaskScheduler.Default); // observe, then roll back
            throw;
        }

        ct.ThrowIfCancellationRequested();
        await tx.CommitAsync(CancellationToken.None);
        return cohort.Id;
    }

    private static Task<CohortColumnRecord> EncodeAsync(CohortColumn column, int ordinal, CancellationToken ct) =>
        Task.Run(() => ColumnRecords.Encode(column, ordinal, ct), ct);

    public Task<CohortTable> LoadAsync(int cohortId, CancellationToken ct = default) => LoadAsync(cohortId, null, ct);

    /// <summary>
    /// Loads a cohort (or only the named columns, in the cohort's column order) exactly as it was saved.
    /// Throws KeyNotFoundException for an unknown cohort or column.
    /// </summary>
    public async Task<CohortTable> LoadAsync(int cohortId, IReadOnlyCollection<string>? columns, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // A deferred (read) transaction: in WAL mode every query below sees the same snapshot, so a concurrent
        // delete or column replacement cannot tear the load, and no write lock is taken.
        await db.Database.OpenConnectionAsync(ct);
        await using var snapshot = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
        await db.Database.UseTransactionAsync(snapshot, ct);

        int rowCount = await db.Cohorts.Where(c => c.Id == cohortId).Select(c => (int?)c.RowCount).SingleOrDefaultAsync(ct)
            ?? throw new KeyNotFoundException($"There is no cohort with id {cohortId}.");

        var query = db.CohortColumns.AsNoTracking().Where(c => c.CohortId == cohortId);
        if (columns is not null)
        {
            var wanted = columns.Distinct().ToArray();
            query = query.Where(c => wanted.Contains(c.Name));
        }
        var metas = await query.OrderBy(c => c.Ordinal)
            .Select(c => new { c.Id, c.Name, c.Kind, c.Storage, c.LevelsData })
            .ToListAsync(ct);
        if (columns is not null)
        {
            var missing = columns.Except(metas.Select(m => m.Name)).ToList();
            if (missing.Count > 0)
                throw new KeyNotFoundException($"Cohort {cohortId} has no column '{string.Join("', '", missing)}'.");
        }

        // Read blobs column by column (one DbContext, sequential) and decompress on the thread pool meanwhile.
        var decoding = new List<Task<CohortColumn>>(metas.Count);
        try
        {
            foreach (var meta in metas)
            {
                var chunks = await db.CohortColumnChunks.AsNoTracking()
                    .Where(k => k.ColumnId == meta.Id)
                    .OrderBy(k => k.Index)
                    .Select(k => new { k.FirstRow, k.RowCount, k.Data })
                    .ToListAsync(ct);
                var parts = chunks.Select(k => (k.FirstRow, k.RowCount, k.Data)).ToList();
                decoding.Add(Task.Run(() => ColumnRecords.Decode(meta.Name, meta.Kind, meta.Storage, meta.LevelsData, rowCount, parts), ct));
            }
            return new CohortTable(await Task.WhenAll(decoding));
        }
        catch when (decoding.Count > 0)
        {
            await Task.WhenAll(decoding).ContinueWith(static _ => { }, TaskScheduler.Default); // no orphaned work
            throw;
        }
    }

    /// <summary>All cohorts, newest first.</summary>
    public async Task<IReadOnlyList<CohortSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Summaries(db, db.Cohorts.OrderByDescending(c => c.CreatedUtc).ThenByDescending(c => c.Id)).ToListAsync(ct);
    }

    public async Task<CohortSummary?> GetSummaryAsync(int cohortId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Summaries(db, db.Cohorts.Where(c => c.Id == cohortId)).SingleOrDefaultAsync(ct);
    }

    private static IQueryable<CohortSummary> Summaries(ClinicalGamDbContext db, IQueryable<CohortRecord> cohorts) =>
        cohorts.Select(c => new CohortSummary(
            c.Id, c.Name, c.SourceFileName, c.RowCount,
            c.Columns.Count(),
            c.CreatedUtc, c.Description,
            db.CohortColumnChunks.Where(k => k.Column!.CohortId == c.Id).Sum(k => (long)k.Data.Length)));

    /// <summary>Renames a cohort or changes its description. False when the cohort does not exist.</summary>
    public async Task<bool> UpdateInfoAsync(int cohortId, string name, string? description, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await using var db = await contexts.CreateDbContextAsync(ct);
        string? text = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        return await db.Cohorts.Where(c => c.Id == cohortId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, name.Trim()).SetProperty(c => c.Description, text), ct) > 0;
    }

    /// <summary>Deletes a cohort with its columns, derived features, models, runs and flags. False when absent.</summary>
    public async Task<bool> DeleteAsync(int cohortId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Cohorts.Where(c => c.Id == cohortId).ExecuteDeleteAsync(ct) > 0;
    }
}
