using Microsoft.EntityFrameworkCore;

namespace ClinicalGAM.Storage;

/// <summary>Saved model specifications, re-runnable on any cohort (external validation). Thread-safe.</summary>
public sealed class ModelSpecStore(IDbContextFactory<ClinicalGamDbContext> contexts, TimeProvider clock)
{
    public async Task<ModelSpecRecord> SaveAsync(string name, string specJson, int? cohortId = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(specJson);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var record = new ModelSpecRecord
        {
            Name = name.Trim(),
            SpecJson = specJson,
            CohortId = cohortId,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.ModelSpecs.Add(record);
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>All saved specifications, newest first.</summary>
    public async Task<IReadOnlyList<ModelSpecRecord>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ModelSpecs.AsNoTracking().OrderByDescending(s => s.CreatedUtc).ThenByDescending(s => s.Id).ToListAsync(ct);
    }

    public async Task<ModelSpecRecord?> GetAsync(int specId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ModelSpecs.AsNoTracking().SingleOrDefaultAsync(s => s.Id == specId, ct);
    }

    public async Task<bool> DeleteAsync(int specId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ModelSpecs.Where(s => s.Id == specId).ExecuteDeleteAsync(ct) > 0;
    }
}
