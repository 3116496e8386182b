using ClinicalGAM.Core.Diagnostics.Goodhart;
using Microsoft.EntityFrameworkCore;

namespace ClinicalGAM.Storage;

/// <summary>
/// Goodhart flag history. Each detector run on a model is appended as a new run with its flags; nothing is ever
/// overwritten, so a reviewer can see how a flag evolved across re-runs and model versions. Thread-safe.
/// </summary>
public sealed class FlagStore(IDbContextFactory<ClinicalGamDbContext> contexts, TimeProvider clock)
{
    /// <summary>Appends one run (possibly with no flags: "checked, nothing found") and returns it.</summary>
    public async Task<FlagRunRecord> AppendRunAsync(
        int modelId, IReadOnlyCollection<FlagEntry> flags, string? settingsJson = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(flags);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Models.AnyAsync(m => m.Id == modelId, ct))
            throw new KeyNotFoundException($"There is no model with id {modelId}.");

        DateTime now = clock.GetUtcNow().UtcDateTime;
        var run = new FlagRunRecord { ModelId = modelId, RunUtc = now, FlagCount = flags.Count, SettingsJson = settingsJson };
        foreach (var f in flags)
        {
            run.Flags.Add(new GoodhartFlagRecord
            {
                ModelId = modelId,
                RunUtc = now,
                Feature = f.Feature,
                Kind = f.Kind,
                At = Finite(f.At),
                Effect = Finite(f.Effect),
                EffectLow = Finite(f.EffectLow),
                EffectHigh = Finite(f.EffectHigh),
                Z = Finite(f.Z),
                P = Finite(f.P),
                Message = f.Message,
                DetailsJson = f.DetailsJson,
            });
        }
        db.FlagRuns.Add(run);
        await db.SaveChangesAsync(ct); // one transaction: a run is stored whole or not at all
        return run;
    }

    /// <summary>Appends the Goodhart analyzer's result for a model (see <see cref="GoodhartFlagMapping"/>).</summary>
    public Task<FlagRunRecord> AppendAnalysisAsync(
        int modelId, IReadOnlyCollection<GoodhartFlag> flags, string? settingsJson = null, CancellationToken ct = default) =>
        AppendRunAsync(modelId, flags.Select(f => f.ToEntry()).ToList(), settingsJson, ct);

    /// <summary>The model's most recent run with its flags, or null when the detectors never ran on it.</summary>
    public async Task<FlagRunRecord?> GetLatestRunAsync(int modelId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.FlagRuns.AsNoTracking().Include(r => r.Flags.OrderBy(f => f.Id))
            .Where(r => r.ModelId == modelId)
            .OrderByDescending(r => r.RunUtc).ThenByDescending(r => r.Id)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Every run on the model with its flags, newest first.</summary>
    public async Task<IReadOnlyList<FlagRunRecord>> ListRunsAsync(int modelId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.FlagRuns.AsNoTracking().Include(r => r.Flags.OrderBy(f => f.Id))
            .Where(r => r.ModelId == modelId)
            .OrderByDescending(r => r.RunUtc).ThenByDescending(r => r.Id)
            .ToListAsync(ct);
    }

    /// <summary>
    /// A feature's flags across every version of the model's lineage (same cohort and name), oldest first: how a
    /// threshold jump or a drift evolved as the model was refitted.
    /// </summary>
    public async Task<IReadOnlyList<GoodhartFlagRecord>> GetFeatureHistoryAsync(int modelId, string feature, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var lineage = await db.Models.Where(m => m.Id == modelId).Select(m => new { m.CohortId, m.Name }).SingleOrDefaultAsync(ct);
        if (lineage is null) return [];
        var versions = db.Models.Where(m => m.CohortId == lineage.CohortId && m.Name == lineage.Name).Select(m => m.Id);
        return await db.GoodhartFlags.AsNoTracking()
            .Where(f => f.Feature == feature && versions.Contains(f.ModelId))
            .OrderBy(f => f.RunUtc).ThenBy(f => f.Id)
            .ToListAsync(ct);
    }

    private static double? Finite(double? x) => x is { } v && double.IsFinite(v) ? v : null;
}
