using System.Collections.Concurrent;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Web.Services.Interim;

/// <summary>Temporary: in-process store until the Storage project's SQLite stores are merged.</summary>
internal sealed class InMemoryWorkbenchStore : IWorkbenchStore
{
    private readonly ConcurrentDictionary<int, (CohortEntry Entry, CohortTable Table)> _cohorts = new();
    private readonly ConcurrentDictionary<int, ModelEntry> _models = new();
    private int _nextCohort, _nextModel;

    public Task<IReadOnlyList<CohortEntry>> ListCohortsAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<CohortEntry>>(_cohorts.Values.Select(c => c.Entry).OrderBy(e => e.Id).ToList());

    public Task<CohortEntry?> FindCohortAsync(int id, CancellationToken ct = default) =>
        Task.FromResult(_cohorts.TryGetValue(id, out var c) ? c.Entry : null);

    public Task<int> SaveCohortAsync(CohortTable table, string name, string source, CancellationToken ct = default)
    {
        int id = Interlocked.Increment(ref _nextCohort);
        _cohorts[id] = (new CohortEntry(id, name, source, table.RowCount, table.Columns.Count, DateTimeOffset.UtcNow), table);
        return Task.FromResult(id);
    }

    public Task<CohortTable> LoadCohortAsync(int id, CancellationToken ct = default) =>
        _cohorts.TryGetValue(id, out var c) ? Task.FromResult(c.Table) : throw new KeyNotFoundException($"No cohort {id}.");

    public Task<int> SaveModelAsync(int cohortId, string name, GamModel model, ModelSpecification specification,
        ModelMetrics metrics, CancellationToken ct = default)
    {
        int id = Interlocked.Increment(ref _nextModel);
        _models[id] = new ModelEntry(id, cohortId, name, model, specification, metrics, DateTimeOffset.UtcNow);
        return Task.FromResult(id);
    }

    public Task<ModelEntry?> FindModelAsync(int id, CancellationToken ct = default) =>
        Task.FromResult(_models.TryGetValue(id, out var m) ? m : null);

    public Task<IReadOnlyList<ModelEntry>> ListModelsAsync(int? cohortId = null, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<ModelEntry>>(_models.Values.Where(m => cohortId is null || m.CohortId == cohortId)
            .OrderByDescending(m => m.Id).ToList());

    public Task RecordFitRunAsync(Guid runId, int cohortId, ModelSpecification specification, FitStatus status,
        double progress, string? error, int? modelId, CancellationToken ct = default) => Task.CompletedTask;
}
