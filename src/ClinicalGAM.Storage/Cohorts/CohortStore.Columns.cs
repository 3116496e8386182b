using ClinicalGAM.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ClinicalGAM.Storage;

// Adding or replacing one column of a saved cohort (a materialised derived feature, or a type override).
public sealed partial class CohortStore
{
    /// <summary>
    /// Appends a column to a saved cohort, or replaces the column of the same name (keeping its position and its
    /// data-dictionary annotation). Atomic. Throws KeyNotFoundException for an unknown cohort and ArgumentException
    /// when the row count differs.
    /// </summary>
    public async Task SaveColumnAsync(int cohortId, CohortColumn column, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(column);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        int rowCount = await db.Cohorts.Where(c => c.Id == cohortId).Select(c => (int?)c.RowCount).SingleOrDefaultAsync(ct)
            ?? throw new KeyNotFoundException($"There is no cohort with id {cohortId}.");
        if (column.Length != rowCount)
            throw new ArgumentException($"Column '{column.Name}' has {column.Length} rows; the cohort has {rowCount}.", nameof(column));

        var old = await db.CohortColumns.AsNoTracking()
            .Where(c => c.CohortId == cohortId && c.Name == column.Name)
            .Select(c => new { c.Id, c.Ordinal, c.Label, c.Unit, c.ExpectedDirection, c.MeasurementCost, c.IsSensitive })
            .SingleOrDefaultAsync(ct);
        int ordinal = old?.Ordinal
            ?? await db.CohortColumns.Where(c => c.CohortId == cohortId).Select(c => (int?)c.Ordinal).MaxAsync(ct) + 1
            ?? 0;

        var record = await Task.Run(() => ColumnRecords.Encode(column, ordinal, ct), ct);
        record.CohortId = cohortId;
        if (old is not null)
        {
            (record.Label, record.Unit, record.ExpectedDirection, record.MeasurementCost, record.IsSensitive) =
                (old.Label, old.Unit, old.ExpectedDirection, old.MeasurementCost, old.IsSensitive);
            await db.CohortColumns.Where(c => c.Id == old.Id).ExecuteDeleteAsync(ct);
        }
        db.CohortColumns.Add(record);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
