using Microsoft.EntityFrameworkCore;

namespace ClinicalGAM.Storage;

/// <summary>
/// Deletes a cohort (with everything made from it) or one model version, writing the audit entry in the same
/// transaction as the delete: either both happen or neither. The database's cascades remove the children (columns,
/// derived features, models, fit runs, Goodhart checks, validations, stored analyses); saved specifications and
/// validations of other models measured on the cohort stay (their foreign keys are set to null). Only rows of the
/// current <see cref="ProjectScope"/> are found, so another project's cohort or model is "not there". Callers check
/// the role (owners delete).
/// </summary>
public sealed class DeletionStore(IDbContextFactory<ClinicalGamDbContext> contexts, AuditStore audit)
{
    public const string CohortKind = "cohort", ModelKind = "model";

    /// <summary>What deleting the cohort would remove; null when it is not there (or not in this project).</summary>
    public async Task<DeletionContents?> CountCohortAsync(int cohortId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await CountCohortAsync(db, cohortId, ct);
    }

    /// <summary>What deleting the model version would remove; null when it is not there (or not in this project).</summary>
    public async Task<DeletionContents?> CountModelAsync(int modelId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await CountModelAsync(db, modelId, ct);
    }

    /// <summary>Deletes the cohort and audits it atomically; returns what was removed, or null when it was not there.</summary>
    public Task<DeletionContents?> DeleteCohortAsync(int cohortId, string who, string from, CancellationToken ct = default) =>
        DeleteAsync(db => CountCohortAsync(db, cohortId, ct), db => db.Cohorts.Where(c => c.Id == cohortId).ExecuteDeleteAsync(ct), who, from, ct);

    /// <summary>Deletes one model version and audits it atomically; returns what was removed, or null when it was not there.</summary>
    public Task<DeletionContents?> DeleteModelAsync(int modelId, string who, string from, CancellationToken ct = default) =>
        DeleteAsync(db => CountModelAsync(db, modelId, ct), db => db.Models.Where(m => m.Id == modelId).ExecuteDeleteAsync(ct), who, from, ct);

    private async Task<DeletionContents?> DeleteAsync(Func<ClinicalGamDbContext, Task<DeletionContents?>> count,
        Func<ClinicalGamDbContext, Task<int>> delete, string who, string from, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct); // BEGIN IMMEDIATE: counts and delete see the same rows
        var contents = await count(db);
        if (contents is null) return null;

        // The entry first, in the same transaction: a delete is never without its trail.
        var entry = audit.Entry(who, from, "delete", contents.Name, contents.Summary());
        entry.CohortId = contents.CohortId;
        entry.ModelId = contents.Kind == ModelKind ? contents.Id : null;
        db.AuditLog.Add(entry);
        await db.SaveChangesAsync(ct);

        if (await delete(db) != 1) throw new InvalidOperationException($"The {contents.Kind} changed while it was being deleted; nothing was deleted.");
        await tx.CommitAsync(CancellationToken.None);
        return contents;
    }

    private static async Task<DeletionContents?> CountCohortAsync(ClinicalGamDbContext db, int cohortId, CancellationToken ct)
    {
        var cohort = await db.Cohorts.Where(c => c.Id == cohortId).Select(c => new { c.Id, c.Name }).SingleOrDefaultAsync(ct);
        if (cohort is null) return null;
        var models = db.Models.Where(m => m.CohortId == cohortId);
        return new DeletionContents(CohortKind, cohort.Id, cohort.Name, cohort.Id,
            Columns: await db.CohortColumns.CountAsync(c => c.CohortId == cohortId, ct),
            DerivedFeatures: await db.DerivedFeatures.CountAsync(d => d.CohortId == cohortId, ct),
            Models: await models.CountAsync(ct),
            Lineages: await models.Select(m => m.Name).Distinct().CountAsync(ct),
            FitRuns: await db.FitRuns.CountAsync(r => r.CohortId == cohortId, ct),
            GoodhartChecks: await db.FlagRuns.CountAsync(r => models.Any(m => m.Id == r.ModelId), ct),
            Validations: await db.ExternalValidations.CountAsync(v => models.Any(m => m.Id == v.ModelId), ct),
            Analyses: await db.AnalysisResults.CountAsync(a => models.Any(m => m.Id == a.ModelId), ct),
            SpecsKept: await db.ModelSpecs.CountAsync(s => s.CohortId == cohortId, ct),
            ValidationsOfOtherModelsKept: await db.ExternalValidations.CountAsync(v => v.CohortId == cohortId && !models.Any(m => m.Id == v.ModelId), ct));
    }

    private static async Task<DeletionContents?> CountModelAsync(ClinicalGamDbContext db, int modelId, CancellationToken ct)
    {
        var model = await db.Models.Where(m => m.Id == modelId).Select(m => new { m.Id, m.Name, m.Version, m.CohortId }).SingleOrDefaultAsync(ct);
        if (model is null) return null;
        return new DeletionContents(ModelKind, model.Id, $"{model.Name} v{model.Version}", model.CohortId,
            Columns: 0, DerivedFeatures: 0, Models: 1, Lineages: 1,
            FitRuns: 0, // a fit run record stays (its model link is cleared): it belongs to the cohort's history
            GoodhartChecks: await db.FlagRuns.CountAsync(r => r.ModelId == modelId, ct),
            Validations: await db.ExternalValidations.CountAsync(v => v.ModelId == modelId, ct),
            Analyses: await db.AnalysisResults.CountAsync(a => a.ModelId == modelId, ct),
            SpecsKept: 0, ValidationsOfOtherModelsKept: 0);
    }
}
