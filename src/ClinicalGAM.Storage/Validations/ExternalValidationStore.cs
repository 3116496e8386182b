using Microsoft.EntityFrameworkCore;

namespace ClinicalGAM.Storage;

/// <summary>External-validation history of saved models: append-only, newest first when listed. Thread-safe.</summary>
public sealed class ExternalValidationStore(IDbContextFactory<ClinicalGamDbContext> contexts, TimeProvider clock)
{
    /// <summary>Appends a validation result; throws KeyNotFoundException for an unknown model or cohort.</summary>
    public async Task<ExternalValidationRecord> AddAsync(NewExternalValidation validation, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(validation);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Models.AnyAsync(m => m.Id == validation.ModelId, ct))
            throw new KeyNotFoundException($"There is no model with id {validation.ModelId}.");
        var cohortName = await db.Cohorts.Where(c => c.Id == validation.CohortId).Select(c => c.Name).SingleOrDefaultAsync(ct)
            ?? throw new KeyNotFoundException($"There is no cohort with id {validation.CohortId}.");
        var record = new ExternalValidationRecord
        {
            ModelId = validation.ModelId,
            CohortId = validation.CohortId,
            CohortName = cohortName,
            RunUtc = clock.GetUtcNow().UtcDateTime,
            Rows = validation.Rows,
            Events = validation.Events,
            ExcludedRows = validation.ExcludedRows,
            Auc = Finite(validation.Auc),
            AucLow = Finite(validation.AucLow),
            AucHigh = Finite(validation.AucHigh),
            LogLoss = Finite(validation.LogLoss),
            Brier = Finite(validation.Brier),
            CalibrationSlope = Finite(validation.CalibrationSlope),
            CalibrationIntercept = Finite(validation.CalibrationIntercept),
            CalibrationJson = validation.CalibrationJson,
        };
        db.ExternalValidations.Add(record);
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>Every validation of the model, newest first.</summary>
    public async Task<IReadOnlyList<ExternalValidationRecord>> ListAsync(int modelId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ExternalValidations.AsNoTracking()
            .Where(v => v.ModelId == modelId)
            .OrderByDescending(v => v.RunUtc).ThenByDescending(v => v.Id)
            .ToListAsync(ct);
    }

    private static double? Finite(double x) => double.IsFinite(x) ? x : null;
}
