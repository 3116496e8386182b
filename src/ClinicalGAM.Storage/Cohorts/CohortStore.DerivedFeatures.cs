using Microsoft.EntityFrameworkCore;

namespace ClinicalGAM.Storage;

// Derived-feature definitions stored with the cohort. Parsing and evaluating the formula is the caller's job.
public sealed partial class CohortStore
{
    /// <summary>
    /// Stores a derived-feature definition. Throws KeyNotFoundException for an unknown cohort and ArgumentException
    /// when the name is already a column or another derived feature of this cohort.
    /// </summary>
    public async Task<DerivedFeatureRecord> AddDerivedFeatureAsync(
        int cohortId, string name, string formula, string? description = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(formula);
        name = name.Trim();

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Cohorts.AnyAsync(c => c.Id == cohortId, ct))
            throw new KeyNotFoundException($"There is no cohort with id {cohortId}.");
        if (await db.DerivedFeatures.AnyAsync(d => d.CohortId == cohortId && d.Name == name, ct))
            throw new ArgumentException($"A derived feature named '{name}' already exists in this cohort.", nameof(name));
        // A derived feature may not shadow a column. To materialise it, define it first, then SaveColumnAsync.
        if (await db.CohortColumns.AnyAsync(c => c.CohortId == cohortId && c.Name == name, ct))
            throw new ArgumentException($"The cohort already has a column named '{name}'.", nameof(name));

        var record = new DerivedFeatureRecord
        {
            CohortId = cohortId,
            Name = name,
            Formula = formula.Trim(),
            Description = Blank(description),
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.DerivedFeatures.Add(record);
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>The cohort's derived features in the order they were defined (later ones may use earlier ones).</summary>
    public async Task<IReadOnlyList<DerivedFeatureRecord>> ListDerivedFeaturesAsync(int cohortId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.DerivedFeatures.AsNoTracking().Where(d => d.CohortId == cohortId).OrderBy(d => d.Id).ToListAsync(ct);
    }

    /// <summary>Removes a definition (a materialised column of that name, if any, is left to the caller). False when absent.</summary>
    public async Task<bool> DeleteDerivedFeatureAsync(int cohortId, string name, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.DerivedFeatures.Where(d => d.CohortId == cohortId && d.Name == name).ExecuteDeleteAsync(ct) > 0;
    }
}
