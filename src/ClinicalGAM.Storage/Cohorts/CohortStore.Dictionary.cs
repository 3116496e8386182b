using Microsoft.EntityFrameworkCore;

namespace ClinicalGAM.Storage;

// The data dictionary: labels, units, expected risk direction, cost and sensitivity per column, plus cached profiles.
public sealed partial class CohortStore
{
    /// <summary>The cohort's data dictionary in column order (empty when the cohort does not exist).</summary>
    public async Task<IReadOnlyList<ColumnDictionaryEntry>> GetDictionaryAsync(int cohortId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.CohortColumns.AsNoTracking()
            .Where(c => c.CohortId == cohortId)
            .OrderBy(c => c.Ordinal)
            .Select(c => new ColumnDictionaryEntry(c.Ordinal, c.Name, c.Kind, c.MissingCount, c.LevelCount,
                new ColumnAnnotation(c.Label, c.Unit, c.ExpectedDirection, c.MeasurementCost, c.IsSensitive)))
            .ToListAsync(ct);
    }

    /// <summary>Replaces a column's annotation. False when the cohort has no such column.</summary>
    public async Task<bool> UpdateDictionaryEntryAsync(
        int cohortId, string column, ColumnAnnotation annotation, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        if (annotation.MeasurementCost is { } cost && (double.IsNaN(cost) || cost < 0))
            throw new ArgumentException("A measurement cost must be a non-negative number.", nameof(annotation));
        string? label = Blank(annotation.Label), unit = Blank(annotation.Unit);

        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.CohortColumns.Where(c => c.CohortId == cohortId && c.Name == column)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Label, label)
                .SetProperty(c => c.Unit, unit)
                .SetProperty(c => c.ExpectedDirection, annotation.ExpectedDirection)
                .SetProperty(c => c.MeasurementCost, annotation.MeasurementCost)
                .SetProperty(c => c.IsSensitive, annotation.IsSensitive), ct) > 0;
    }

    /// <summary>
    /// The directions the clinician declared (column -> +1 risk rises with the value, -1 falls), in the form
    /// GoodhartOptions.ExpectedDirections takes; undeclared columns are absent.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> GetExpectedDirectionsAsync(int cohortId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.CohortColumns.AsNoTracking()
            .Where(c => c.CohortId == cohortId && c.ExpectedDirection != ExpectedRiskDirection.Unspecified)
            .ToDictionaryAsync(c => c.Name, c => (int)c.ExpectedDirection, StringComparer.Ordinal, ct);
    }

    /// <summary>Caches a column profile (any JSON the caller chooses). False when the cohort has no such column.</summary>
    public async Task<bool> SaveProfileAsync(int cohortId, string column, string profileJson, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.CohortColumns.Where(c => c.CohortId == cohortId && c.Name == column)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ProfileJson, profileJson), ct) > 0;
    }

    /// <summary>Cached profiles by column name (columns without one are absent).</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetProfilesAsync(int cohortId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.CohortColumns.AsNoTracking()
            .Where(c => c.CohortId == cohortId && c.ProfileJson != null)
            .ToDictionaryAsync(c => c.Name, c => c.ProfileJson!, StringComparer.Ordinal, ct);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
