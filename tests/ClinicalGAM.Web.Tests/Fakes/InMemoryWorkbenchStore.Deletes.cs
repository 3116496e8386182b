using ClinicalGAM.Storage;

namespace ClinicalGAM.Web.Tests.Fakes;

// Deleting in memory: the cohort with its models and derived features, or one model (no audit kept here).
public sealed partial class InMemoryWorkbenchStore
{
    public Task<DeletionContents?> CountCohortDeletionAsync(int cohortId, CancellationToken ct = default) =>
        Task.FromResult(CohortContents(cohortId));

    public Task<DeletionContents?> CountModelDeletionAsync(int modelId, CancellationToken ct = default) =>
        Task.FromResult(ModelContents(modelId));

    public Task<DeletionContents?> DeleteCohortAsync(int cohortId, CancellationToken ct = default)
    {
        var contents = CohortContents(cohortId);
        if (contents is null) return Task.FromResult<DeletionContents?>(null);
        foreach (var model in _models.Values.Where(m => m.CohortId == cohortId)) _models.TryRemove(model.Id, out _);
        _derived.TryRemove(cohortId, out _);
        _cohorts.TryRemove(cohortId, out _);
        return Task.FromResult<DeletionContents?>(contents);
    }

    public Task<DeletionContents?> DeleteModelAsync(int modelId, CancellationToken ct = default)
    {
        var contents = ModelContents(modelId);
        return Task.FromResult(contents is not null && _models.TryRemove(modelId, out _) ? contents : null);
    }

    private DeletionContents? CohortContents(int cohortId)
    {
        if (!_cohorts.TryGetValue(cohortId, out var cohort)) return null;
        var models = _models.Values.Where(m => m.CohortId == cohortId).ToList();
        return new DeletionContents(DeletionStore.CohortKind, cohortId, cohort.Entry.Name, cohortId, cohort.Table.Columns.Count,
            _derived.GetValueOrDefault(cohortId)?.Count ?? 0, models.Count, models.Select(m => m.Name).Distinct().Count(),
            0, 0, 0, 0, 0, 0);
    }

    private DeletionContents? ModelContents(int modelId) =>
        _models.TryGetValue(modelId, out var m)
            ? new DeletionContents(DeletionStore.ModelKind, modelId, m.Name, m.CohortId, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0)
            : null;
}
