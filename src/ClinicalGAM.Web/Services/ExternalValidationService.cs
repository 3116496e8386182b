using ClinicalGAM.Core.Diagnostics.Validation;

namespace ClinicalGAM.Web.Services;

/// <summary>
/// External validation from the model page: scores a saved model on another stored cohort without refitting and keeps
/// the result. The cohort is read the way fits read it (uploaded columns plus its derived features); the model's own
/// derived-feature formulas then recompute the columns it was fitted on.
/// </summary>
public sealed class ExternalValidationService(IWorkbenchStore store, CohortService cohorts)
{
    /// <summary>Cohorts the model can be validated on: every stored cohort except the one it was fitted on.</summary>
    public async Task<IReadOnlyList<CohortEntry>> CandidatesAsync(ModelEntry entry) =>
        (await cohorts.ListAsync()).Where(c => c.Id != entry.CohortId).ToList();

    /// <summary>
    /// Columns the model needs that the cohort lacks (outcome, features, inputs of derived features); empty when usable.
    /// Read from the cohort's column names and derived-feature names, so no cohort is loaded just to list candidates.
    /// </summary>
    public async Task<IReadOnlyList<string>> MissingColumnsAsync(ModelEntry entry, int cohortId)
    {
        var columns = (await store.GetDictionaryAsync(cohortId)).Select(c => c.Name)
            .Concat((await store.ListDerivedFeaturesAsync(cohortId)).Select(d => d.Name));
        return ExternalValidation.MissingColumns(entry.Model, columns);
    }

    /// <summary>
    /// Scores the cohort, stores the result and returns it. Throws <see cref="ExternalValidationException"/> (naming the
    /// missing columns) when the cohort cannot be used; nothing is stored then.
    /// </summary>
    public async Task<ValidationEntry> ValidateAsync(ModelEntry entry, int cohortId, CancellationToken ct = default)
    {
        var table = await cohorts.TableAsync(cohortId);
        var result = await Task.Run(() => ExternalValidation.Evaluate(entry.Model, table, ct), ct);
        var saved = await store.SaveValidationAsync(entry.Id, cohortId, result, CancellationToken.None);
        await store.AuditAsync("validate", entry.Name, $"external validation on cohort #{cohortId}: AUC {saved.Auc:0.000}, {saved.Rows:N0} rows",
            cohortId, entry.Id, ct: CancellationToken.None);
        return saved;
    }

    public Task<IReadOnlyList<ValidationEntry>> HistoryAsync(int modelId) => store.ListValidationsAsync(modelId);
}
