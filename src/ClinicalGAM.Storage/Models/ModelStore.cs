using Microsoft.EntityFrameworkCore;

namespace ClinicalGAM.Storage;

/// <summary>Fitted models, versioned per lineage (cohort + name). Thread-safe.</summary>
public sealed class ModelStore(IDbContextFactory<ClinicalGamDbContext> contexts, TimeProvider clock)
{
    /// <summary>
    /// Saves a model as the next version of its lineage (1 for a new name). The version is read and written in one
    /// write transaction, so two concurrent saves cannot get the same number.
    /// </summary>
    public async Task<ModelSummary> SaveAsync(NewModel model, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(model.Name);
        ArgumentException.ThrowIfNullOrWhiteSpace(model.ModelJson);
        string name = model.Name.Trim();

        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct); // BEGIN IMMEDIATE: holds the write lock
        if (!await db.Cohorts.AnyAsync(c => c.Id == model.CohortId, ct))
            throw new KeyNotFoundException($"There is no cohort with id {model.CohortId}.");
        int version = 1 + (await db.Models.Where(m => m.CohortId == model.CohortId && m.Name == name)
            .MaxAsync(m => (int?)m.Version, ct) ?? 0);

        var record = new ModelRecord
        {
            CohortId = model.CohortId,
            Name = name,
            Version = version,
            Engine = model.Engine,
            Outcome = model.Outcome,
            ModelJson = model.ModelJson,
            MetricsJson = model.MetricsJson,
            SpecJson = model.SpecJson,
            SplitSeed = model.SplitSeed,
            TestRowsDescription = model.TestRowsDescription,
            FitSeconds = model.FitSeconds,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Models.Add(record);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return ToSummary(record);
    }

    /// <summary>The cohort's models, newest first.</summary>
    public async Task<IReadOnlyList<ModelSummary>> ListAsync(int cohortId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Summaries(db.Models.Where(m => m.CohortId == cohortId)
            .OrderByDescending(m => m.CreatedUtc).ThenByDescending(m => m.Id)).ToListAsync(ct);
    }

    /// <summary>Every model of every cohort, newest first.</summary>
    public async Task<IReadOnlyList<ModelSummary>> ListAllAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Summaries(db.Models.OrderByDescending(m => m.CreatedUtc).ThenByDescending(m => m.Id)).ToListAsync(ct);
    }

    /// <summary>All versions of one lineage, oldest first.</summary>
    public async Task<IReadOnlyList<ModelSummary>> ListVersionsAsync(int cohortId, string name, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Summaries(db.Models.Where(m => m.CohortId == cohortId && m.Name == name).OrderBy(m => m.Version))
            .ToListAsync(ct);
    }

    /// <summary>The full model, JSON included; null when absent.</summary>
    public async Task<ModelRecord?> GetAsync(int modelId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Id == modelId, ct);
    }

    public async Task<ModelSummary?> GetSummaryAsync(int modelId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Summaries(db.Models.Where(m => m.Id == modelId)).SingleOrDefaultAsync(ct);
    }

    /// <summary>Replaces the metrics JSON (e.g. after adding a CI or the black-box reference). False when absent.</summary>
    public async Task<bool> UpdateMetricsAsync(int modelId, string metricsJson, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Models.Where(m => m.Id == modelId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.MetricsJson, metricsJson), ct) > 0;
    }

    /// <summary>Deletes one model version with its flag history. False when absent.</summary>
    public async Task<bool> DeleteAsync(int modelId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Models.Where(m => m.Id == modelId).ExecuteDeleteAsync(ct) > 0;
    }

    private static IQueryable<ModelSummary> Summaries(IQueryable<ModelRecord> models) =>
        models.Select(m => new ModelSummary(m.Id, m.CohortId, m.Name, m.Version, m.Engine, m.Outcome, m.CreatedUtc,
            m.FitSeconds, m.SplitSeed, m.TestRowsDescription, m.MetricsJson));

    private static ModelSummary ToSummary(ModelRecord m) => new(m.Id, m.CohortId, m.Name, m.Version, m.Engine, m.Outcome,
        m.CreatedUtc, m.FitSeconds, m.SplitSeed, m.TestRowsDescription, m.MetricsJson);
}
