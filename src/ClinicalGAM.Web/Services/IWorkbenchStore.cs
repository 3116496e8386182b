using ClinicalGAM.Core.Diagnostics.Goodhart;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Data.Derived;
using ClinicalGAM.Core.Diagnostics.Validation;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Storage;

namespace ClinicalGAM.Web.Services;

/// <summary>
/// What the web pages need from persistence. Implemented over the Storage project's stores
/// (CohortStore, ModelStore, FitRunStore, FlagStore, ModelSpecStore, ExternalValidationStore) by SqliteWorkbenchStore; kept narrow so pages and tests do not depend on EF.
/// </summary>
public interface IWorkbenchStore
{
    Task<IReadOnlyList<CohortEntry>> ListCohortsAsync(CancellationToken ct = default);
    Task<CohortEntry?> FindCohortAsync(int id, CancellationToken ct = default);
    /// <summary>Saves a whole cohort atomically: on failure nothing is left behind.</summary>
    Task<int> SaveCohortAsync(CohortTable table, string name, string source, CancellationToken ct = default);
    Task<CohortTable> LoadCohortAsync(int id, CancellationToken ct = default);

    /// <summary>The cohort's data dictionary (label, unit, expected direction, cost, sensitive) in column order.</summary>
    Task<IReadOnlyList<ColumnDictionaryEntry>> GetDictionaryAsync(int cohortId, CancellationToken ct = default);
    Task<bool> UpdateDictionaryEntryAsync(int cohortId, string column, ColumnAnnotation annotation, CancellationToken ct = default);

    /// <summary>The cohort's derived-feature definitions in the order they were defined (later ones may use earlier ones).</summary>
    Task<IReadOnlyList<DerivedFeature>> ListDerivedFeaturesAsync(int cohortId, CancellationToken ct = default);
    /// <summary>Stores a definition; throws ArgumentException when the name is taken, KeyNotFoundException for an unknown cohort.</summary>
    Task AddDerivedFeatureAsync(int cohortId, string name, string formula, CancellationToken ct = default);
    Task<bool> DeleteDerivedFeatureAsync(int cohortId, string name, CancellationToken ct = default);

    /// <summary>Saves a specification (re-runnable on any cohort) and returns its id.</summary>
    Task<int> SaveSpecAsync(string name, ModelSpecification specification, int? cohortId, CancellationToken ct = default);
    /// <summary>All saved specifications, newest first.</summary>
    Task<IReadOnlyList<SavedSpec>> ListSpecsAsync(CancellationToken ct = default);

    Task<int> SaveModelAsync(int cohortId, string name, GamModel model, ModelSpecification specification,
        ModelMetrics metrics, CancellationToken ct = default);
    /// <summary>Replaces a saved model's metrics (e.g. after the black-box reference was fitted).</summary>
    Task UpdateMetricsAsync(int modelId, ModelMetrics metrics, CancellationToken ct = default);
    Task<ModelEntry?> FindModelAsync(int id, CancellationToken ct = default);
    Task<IReadOnlyList<ModelListItem>> ListModelsAsync(int? cohortId = null, CancellationToken ct = default);

    /// <summary>Appends a Goodhart check (history is kept) and returns it as stored.</summary>
    Task<FlagCheck> SaveFlagsAsync(int modelId, IReadOnlyList<FlagView> flags, CancellationToken ct = default) =>
        SaveFlagsAsync(modelId, flags, [], ct);

    /// <summary>Stores a check with the places it could not test (kept in the run's settings JSON, no schema change).</summary>
    Task<FlagCheck> SaveFlagsAsync(int modelId, IReadOnlyList<FlagView> flags, IReadOnlyList<NotTestable> notTestable, CancellationToken ct = default);
    /// <summary>The model's latest Goodhart check, or null when it was never checked.</summary>
    Task<FlagCheck?> LatestFlagsAsync(int modelId, CancellationToken ct = default);

    /// <summary>Appends an external validation of a model on a cohort (history is kept) and returns it as stored.</summary>
    Task<ValidationEntry> SaveValidationAsync(int modelId, int cohortId, ExternalValidationResult result, CancellationToken ct = default);
    /// <summary>The model's external validations, newest first.</summary>
    Task<IReadOnlyList<ValidationEntry>> ListValidationsAsync(int modelId, CancellationToken ct = default);

    /// <summary>
    /// Records a fit joining the queue with what the user asked for (so a restart can resume it) and returns its run id;
    /// <see cref="MarkFitRunningAsync"/> follows when it gets a slot. Stores that keep no queue record a running run.
    /// </summary>
    Task<int> QueueFitRunAsync(FitJob job, CancellationToken ct = default) =>
        CreateFitRunAsync(job.CohortId, job.Specification, ct);
    /// <summary>Queued -> running, once the fit has a slot.</summary>
    Task MarkFitRunningAsync(int runId, CancellationToken ct = default) => Task.CompletedTask;
    /// <summary>Fits a restart left waiting in the queue, in their order, every project's (none for stores without a queue).</summary>
    Task<IReadOnlyList<QueuedFitEntry>> ListQueuedFitsAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<QueuedFitEntry>>([]);

    /// <summary>Records that a check (e.g. <see cref="CheckRunRecord.Goodhart"/>) started on a model; null for stores that keep none.</summary>
    Task<int?> StartCheckAsync(int modelId, string kind, CancellationToken ct = default) => Task.FromResult<int?>(null);
    /// <summary>Records how a started check ended (finished, failed or cancelled).</summary>
    Task EndCheckAsync(int checkId, CheckRunStatus status, string? message, CancellationToken ct = default) => Task.CompletedTask;
    /// <summary>The model's most recent check of this kind, or null.</summary>
    Task<CheckRunEntry?> LatestCheckAsync(int modelId, string kind, CancellationToken ct = default) =>
        Task.FromResult<CheckRunEntry?>(null);

    /// <summary>Records a new fit run (so a restart still shows what happened) and returns its id.</summary>
    Task<int> CreateFitRunAsync(int cohortId, ModelSpecification specification, CancellationToken ct = default);
    Task ReportFitProgressAsync(int runId, double fraction, string stage, CancellationToken ct = default);
    Task FinishFitRunAsync(int runId, FitStatus status, int? modelId, string? error, CancellationToken ct = default);

    /// <summary>Appends to the audit log (who is the single-user identity or the account; none kept by stores without one).</summary>
    Task AuditAsync(string action, string subject, string detail, int? cohortId = null, int? modelId = null, string? from = null,
        CancellationToken ct = default) => Task.CompletedTask;
    /// <summary>The audit log newest first, optionally of one cohort or model.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int? cohortId = null, int? modelId = null, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>([]);

    /// <summary>Keeps a finished analysis of a saved model (none kept by stores without persistence).</summary>
    Task SaveAnalysisAsync(int modelId, string kind, int seed, string settingsJson, string resultJson, double seconds,
        CancellationToken ct = default) => Task.CompletedTask;
    /// <summary>The newest stored analysis of this kind for the model, or null.</summary>
    Task<StoredAnalysis?> LatestAnalysisAsync(int modelId, string kind, CancellationToken ct = default) =>
        Task.FromResult<StoredAnalysis?>(null);

    /// <summary>Fits a server restart cut short, not yet re-run or dismissed (none for stores that do not persist runs).</summary>
    Task<IReadOnlyList<InterruptedFit>> ListInterruptedFitsAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<InterruptedFit>>([]);
    /// <summary>Records that an interrupted fit was re-run or dismissed, so it is listed no more.</summary>
    Task ResolveInterruptedFitAsync(int runId, string note, CancellationToken ct = default) => Task.CompletedTask;

    /// <summary>What deleting the cohort would remove and keep; null when it is not in this project. Owners only.</summary>
    Task<DeletionContents?> CountCohortDeletionAsync(int cohortId, CancellationToken ct = default);
    /// <summary>What deleting the model version would remove; null when it is not in this project. Owners only.</summary>
    Task<DeletionContents?> CountModelDeletionAsync(int modelId, CancellationToken ct = default);
    /// <summary>Deletes the cohort with everything made from it, audited atomically; null when it was not there. Owners only.</summary>
    Task<DeletionContents?> DeleteCohortAsync(int cohortId, CancellationToken ct = default);
    /// <summary>Deletes one model version with its checks, validations and analyses, audited atomically; null when it was not there. Owners only.</summary>
    Task<DeletionContents?> DeleteModelAsync(int modelId, CancellationToken ct = default);
}
