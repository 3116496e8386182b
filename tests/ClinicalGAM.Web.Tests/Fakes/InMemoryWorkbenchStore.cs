using ClinicalGAM.Core.Diagnostics.Goodhart;
using System.Collections.Concurrent;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Data.Derived;
using ClinicalGAM.Core.Diagnostics.Validation;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Storage;
using ClinicalGAM.Web.Services;

namespace ClinicalGAM.Web.Tests.Fakes;

/// <summary>An in-process IWorkbenchStore for component tests (no SQLite).</summary>
public sealed partial class InMemoryWorkbenchStore : IWorkbenchStore
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

    private readonly ConcurrentDictionary<(int, string), ColumnAnnotation> _annotations = new();
    private readonly ConcurrentDictionary<int, FlagCheck> _flags = new();

    public Task<FlagCheck> SaveFlagsAsync(int modelId, IReadOnlyList<FlagView> flags, CancellationToken ct = default) =>
        SaveFlagsAsync(modelId, flags, [], ct);

    public Task<FlagCheck> SaveFlagsAsync(int modelId, IReadOnlyList<FlagView> flags, IReadOnlyList<NotTestable> notTestable,
        CancellationToken ct = default) =>
        Task.FromResult(_flags[modelId] = new FlagCheck(DateTimeOffset.UtcNow, flags) { NotTestable = notTestable });

    public Task<FlagCheck?> LatestFlagsAsync(int modelId, CancellationToken ct = default) =>
        Task.FromResult(_flags.TryGetValue(modelId, out var check) ? check : null);

    public Task<IReadOnlyList<ColumnDictionaryEntry>> GetDictionaryAsync(int cohortId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<ColumnDictionaryEntry>>(_cohorts.TryGetValue(cohortId, out var c)
            ? c.Table.Columns.Select((col, i) => new ColumnDictionaryEntry(i, col.Name, col.Kind, col.MissingCount(), null,
                _annotations.GetValueOrDefault((cohortId, col.Name)) ?? new ColumnAnnotation())).ToList()
            : []);

    /// <summary>Test hook: the next dictionary write waits for this task (then the hook is cleared), as a slow database would.</summary>
    public Task? HoldNextDictionaryWrite { get; set; }

    public async Task<bool> UpdateDictionaryEntryAsync(int cohortId, string column, ColumnAnnotation annotation, CancellationToken ct = default)
    {
        var hold = HoldNextDictionaryWrite;
        HoldNextDictionaryWrite = null;
        if (hold is not null) await hold;
        if (!_cohorts.TryGetValue(cohortId, out var c) || !c.Table.Contains(column)) return false;
        _annotations[(cohortId, column)] = annotation;
        return true;
    }

    private readonly ConcurrentDictionary<int, List<DerivedFeature>> _derived = new();
    private readonly List<ValidationEntry> _validations = [];
    private readonly ConcurrentDictionary<(int, string), StoredAnalysis> _analyses = new();

    public Task SaveAnalysisAsync(int modelId, string kind, int seed, string settingsJson, string resultJson, double seconds, CancellationToken ct = default)
    {
        _analyses[(modelId, kind)] = new StoredAnalysis(kind, seed, settingsJson, resultJson, DateTimeOffset.UtcNow, "test user", seconds);
        return Task.CompletedTask;
    }

    public Task<StoredAnalysis?> LatestAnalysisAsync(int modelId, string kind, CancellationToken ct = default) =>
        Task.FromResult(_analyses.GetValueOrDefault((modelId, kind)));

    public Task<ValidationEntry> SaveValidationAsync(int modelId, int cohortId, ExternalValidationResult result, CancellationToken ct = default)
    {
        if (!_models.ContainsKey(modelId)) throw new KeyNotFoundException($"No model {modelId}.");
        if (!_cohorts.TryGetValue(cohortId, out var cohort)) throw new KeyNotFoundException($"No cohort {cohortId}.");
        lock (_validations)
        {
            var entry = new ValidationEntry(_validations.Count + 1, modelId, cohortId, cohort.Entry.Name, DateTimeOffset.UtcNow,
                result.Rows, result.Events, result.ExcludedRows, result.Auc.Auc, result.Auc.Lower, result.Auc.Upper, result.LogLoss,
                result.Brier, result.Calibration.Slope, result.Calibration.Intercept, result.Calibration.Bins);
            _validations.Add(entry);
            return Task.FromResult(entry);
        }
    }

    public Task<IReadOnlyList<ValidationEntry>> ListValidationsAsync(int modelId, CancellationToken ct = default)
    {
        lock (_validations)
            return Task.FromResult<IReadOnlyList<ValidationEntry>>(_validations.Where(v => v.ModelId == modelId).OrderByDescending(v => v.Id).ToList());
    }

    public Task<IReadOnlyList<DerivedFeature>> ListDerivedFeaturesAsync(int cohortId, CancellationToken ct = default)
    {
        var list = _derived.GetOrAdd(cohortId, _ => []);
        lock (list) return Task.FromResult<IReadOnlyList<DerivedFeature>>(list.ToList());
    }

    public Task AddDerivedFeatureAsync(int cohortId, string name, string formula, CancellationToken ct = default)
    {
        if (!_cohorts.TryGetValue(cohortId, out var c)) throw new KeyNotFoundException($"No cohort {cohortId}.");
        var list = _derived.GetOrAdd(cohortId, _ => []);
        lock (list)
        {
            if (list.Any(d => d.Name == name.Trim()) || c.Table.Contains(name.Trim()))
                throw new ArgumentException($"A derived feature named '{name}' already exists in this cohort.", nameof(name));
            list.Add(new DerivedFeature(name.Trim(), formula.Trim()));
        }
        return Task.CompletedTask;
    }

    public Task<bool> DeleteDerivedFeatureAsync(int cohortId, string name, CancellationToken ct = default)
    {
        var list = _derived.GetOrAdd(cohortId, _ => []);
        lock (list) return Task.FromResult(list.RemoveAll(d => d.Name == name) > 0);
    }

    private readonly ConcurrentDictionary<int, SavedSpec> _specs = new();
    private int _nextSpec;

    public Task<int> SaveSpecAsync(string name, ModelSpecification specification, int? cohortId, CancellationToken ct = default)
    {
        int id = Interlocked.Increment(ref _nextSpec);
        _specs[id] = new SavedSpec(id, name.Trim(), cohortId, specification, DateTimeOffset.UtcNow);
        return Task.FromResult(id);
    }

    public Task<IReadOnlyList<SavedSpec>> ListSpecsAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<SavedSpec>>(_specs.Values.OrderByDescending(s => s.Id).ToList());

    public Task UpdateMetricsAsync(int modelId, ModelMetrics metrics, CancellationToken ct = default)
    {
        _models[modelId] = _models[modelId] with { Metrics = metrics };
        return Task.CompletedTask;
    }

    public Task<int> SaveModelAsync(int cohortId, string name, GamModel model, ModelSpecification specification,
        ModelMetrics metrics, CancellationToken ct = default)
    {
        int id = Interlocked.Increment(ref _nextModel);
        _models[id] = new ModelEntry(id, cohortId, name, model, specification, metrics, DateTimeOffset.UtcNow);
        return Task.FromResult(id);
    }

    public Task<ModelEntry?> FindModelAsync(int id, CancellationToken ct = default) =>
        Task.FromResult(_models.TryGetValue(id, out var m) ? m : null);

    public Task<IReadOnlyList<ModelListItem>> ListModelsAsync(int? cohortId = null, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<ModelListItem>>(_models.Values.Where(m => cohortId is null || m.CohortId == cohortId)
            .OrderByDescending(m => m.Id)
            .Select(m => new ModelListItem(m.Id, m.CohortId, m.Name, m.Model.Info.Engine, m.Specification.Outcome, m.Metrics, m.CreatedUtc))
            .ToList());

    /// <summary>Final status of each fit run, as the fit service reported it.</summary>
    public ConcurrentDictionary<int, (FitStatus Status, string? Error)> Runs { get; } = new();
    private int _nextRun;

    /// <summary>When true, new fits wait (queued) at their first step until cancelled: a fit that is surely still running.</summary>
    public bool HoldNewFits { get; set; }

    public async Task<int> CreateFitRunAsync(int cohortId, ModelSpecification specification, CancellationToken ct = default)
    {
        if (HoldNewFits) await Task.Delay(Timeout.Infinite, ct);
        int id = Interlocked.Increment(ref _nextRun);
        Runs[id] = (FitStatus.Running, null);
        return id;
    }

    public Task ReportFitProgressAsync(int runId, double fraction, string stage, CancellationToken ct = default) => Task.CompletedTask;

    public Task FinishFitRunAsync(int runId, FitStatus status, int? modelId, string? error, CancellationToken ct = default)
    {
        Runs[runId] = (status, error);
        return Task.CompletedTask;
    }

    /// <summary>Checks as recorded when started and ended (tests may add an interrupted one, as a restart leaves it).</summary>
    public ConcurrentDictionary<int, CheckRunEntry> Checks { get; } = new();
    private int _nextCheck;

    public Task<int?> StartCheckAsync(int modelId, string kind, CancellationToken ct = default)
    {
        int id = Interlocked.Increment(ref _nextCheck) + 1000;
        Checks[id] = new CheckRunEntry(id, modelId, CheckRunStatus.Running, "tester", DateTimeOffset.UtcNow, null, null);
        return Task.FromResult<int?>(id);
    }

    public Task EndCheckAsync(int checkId, CheckRunStatus status, string? message, CancellationToken ct = default)
    {
        if (Checks.TryGetValue(checkId, out var run) && run.Status == CheckRunStatus.Running)
            Checks[checkId] = run with { Status = status, Message = message, FinishedUtc = DateTimeOffset.UtcNow };
        return Task.CompletedTask;
    }

    public Task<CheckRunEntry?> LatestCheckAsync(int modelId, string kind, CancellationToken ct = default) =>
        Task.FromResult(Checks.Values.Where(c => c.ModelId == modelId).MaxBy(c => c.Id));
}
