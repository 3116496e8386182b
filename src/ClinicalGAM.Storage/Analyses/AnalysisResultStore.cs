using Microsoft.EntityFrameworkCore;

namespace ClinicalGAM.Storage;

/// <summary>Stored analysis results of saved models: append-only, newest first. Thread-safe.</summary>
public sealed class AnalysisResultStore(IDbContextFactory<ClinicalGamDbContext> contexts, TimeProvider clock)
{
    /// <summary>Appends a result; throws KeyNotFoundException for an unknown model.</summary>
    public async Task<AnalysisResultRecord> AddAsync(int modelId, string kind, int seed, string settingsJson, string resultJson,
        string who, double seconds, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Models.AnyAsync(m => m.Id == modelId, ct))
            throw new KeyNotFoundException($"There is no model with id {modelId}.");
        var record = new AnalysisResultRecord
        {
            ModelId = modelId, Kind = kind, Seed = seed, SettingsJson = settingsJson, ResultJson = resultJson,
            CreatedUtc = clock.GetUtcNow().UtcDateTime, Who = who, Seconds = double.IsFinite(seconds) ? seconds : 0,
        };
        db.AnalysisResults.Add(record);
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>The newest result of this kind for the model, or null.</summary>
    public async Task<AnalysisResultRecord?> LatestAsync(int modelId, string kind, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.AnalysisResults.AsNoTracking()
            .Where(a => a.ModelId == modelId && a.Kind == kind)
            .OrderByDescending(a => a.CreatedUtc).ThenByDescending(a => a.Id)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Every stored analysis of the model (any kind), newest first, without the result JSON.</summary>
    public async Task<IReadOnlyList<AnalysisResultRecord>> ListAsync(int modelId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.AnalysisResults.AsNoTracking().Where(a => a.ModelId == modelId)
            .OrderByDescending(a => a.CreatedUtc).ThenByDescending(a => a.Id)
            .Select(a => new { a.Id, a.ModelId, a.Kind, a.Seed, a.SettingsJson, a.CreatedUtc, a.Who, a.Seconds })
            .ToListAsync(ct);
        return rows.Select(a => new AnalysisResultRecord
        {
            Id = a.Id, ModelId = a.ModelId, Kind = a.Kind, Seed = a.Seed, SettingsJson = a.SettingsJson, ResultJson = "",
            CreatedUtc = a.CreatedUtc, Who = a.Who, Seconds = a.Seconds,
        }).ToList();
    }
}
