using ClinicalGAM.Core.Diagnostics.Goodhart;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Data.Derived;
using ClinicalGAM.Core.Diagnostics.Metrics;
using ClinicalGAM.Core.Diagnostics.Validation;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Serialization;
using ClinicalGAM.Storage;

namespace ClinicalGAM.Web.Services;

/// <summary>
/// The web layer's persistence over the Storage project's SQLite stores. Reads see the current project only (the
/// stores' <see cref="ProjectScope"/> filter); every write checks here, in one place, that the acting user's role
/// allows it (analyst or above) and that the cohort or model it refers to is in the current project.
/// </summary>
public sealed partial class SqliteWorkbenchStore(CohortStore cohorts, ModelStore models, FitRunStore runs, FlagStore flags, ModelSpecStore specs,
    ExternalValidationStore validations, AuditStore audit, AnalysisResultStore? analyses = null, DeletionStore? deletions = null,
    CheckRunStore? checks = null)
    : IWorkbenchStore
{
    /// <summary>
    /// Who acts, in single-user mode (no accounts): the operating-system user running the server, which on a laptop is
    /// the researcher. Requests without a known remote address come from "this machine".
    /// </summary>
    public static string LocalUser { get; } = $"local user '{Environment.UserName}'";

    public Task AuditAsync(string action, string subject, string detail, int? cohortId = null, int? modelId = null, string? from = null,
        CancellationToken ct = default) =>
        audit.AppendAsync(ProjectScope.Current?.Who ?? LocalUser, from ?? ProjectScope.Current?.From ?? "this machine", action, subject, detail,
            cohortId, modelId, ct);

    /// <summary>Refuses a change the acting user's role does not allow (outside any scope, e.g. tests, everything is allowed).</summary>
    private static void Require(ProjectRole needed)
    {
        if (ProjectScope.Current is { } scope && !scope.Allows(needed))
            throw new UnauthorizedAccessException(
                $"Your role in this project ({scope.Role.ToString().ToLowerInvariant()}) does not allow this; {needed.ToString().ToLowerInvariant()} or above is needed.");
    }

    private async Task RequireCohortAsync(int cohortId, CancellationToken ct)
    {
        Require(ProjectRole.Analyst);
        if (await cohorts.GetSummaryAsync(cohortId, ct) is null) throw new KeyNotFoundException($"There is no cohort {cohortId}.");
    }

    private async Task RequireModelAsync(int modelId, CancellationToken ct)
    {
        Require(ProjectRole.Analyst);
        if (await models.GetAsync(modelId, ct) is null) throw new KeyNotFoundException($"There is no model {modelId}.");
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int? cohortId = null, int? modelId = null, CancellationToken ct = default) =>
        (await audit.ListAsync(cohortId, modelId, ct: ct)).Select(a => new AuditEntry(Utc(a.WhenUtc), a.Who, a.From, a.Action, a.Subject,
            a.Detail, a.CohortId, a.ModelId)).ToList();

    public async Task SaveAnalysisAsync(int modelId, string kind, int seed, string settingsJson, string resultJson, double seconds,
        CancellationToken ct = default)
    {
        await RequireModelAsync(modelId, ct);
        if (analyses is not null)
            await analyses.AddAsync(modelId, kind, seed, settingsJson, resultJson, ProjectScope.Current?.Who ?? LocalUser, seconds, ct);
    }

    public async Task<StoredAnalysis?> LatestAnalysisAsync(int modelId, string kind, CancellationToken ct = default) =>
        analyses is not null && await analyses.LatestAsync(modelId, kind, ct) is { } a
            ? new StoredAnalysis(a.Kind, a.Seed, a.SettingsJson, a.ResultJson, Utc(a.CreatedUtc), a.Who, a.Seconds)
            : null;

    // Metrics may hold NaN (e.g. an AUC with a single class in the test set); JSON has no NaN literal by default.
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<IReadOnlyList<CohortEntry>> ListCohortsAsync(CancellationToken ct = default) =>
        (await cohorts.ListAsync(ct)).Select(ToEntry).ToList();

    public async Task<CohortEntry?> FindCohortAsync(int id, CancellationToken ct = default) =>
        await cohorts.GetSummaryAsync(id, ct) is { } summary ? ToEntry(summary) : null;

    public Task<int> SaveCohortAsync(CohortTable table, string name, string source, CancellationToken ct = default)
    {
        Require(ProjectRole.Analyst);
        return cohorts.SaveAsync(table, name, source, ct);
    }

    public Task<CohortTable> LoadCohortAsync(int id, CancellationToken ct = default) => cohorts.LoadAsync(id, ct);

    public Task<IReadOnlyList<ColumnDictionaryEntry>> GetDictionaryAsync(int cohortId, CancellationToken ct = default) =>
        cohorts.GetDictionaryAsync(cohortId, ct);

    public async Task<bool> UpdateDictionaryEntryAsync(int cohortId, string column, ColumnAnnotation annotation, CancellationToken ct = default)
    {
        await RequireCohortAsync(cohortId, ct);
        return await cohorts.UpdateDictionaryEntryAsync(cohortId, column, annotation, ct);
    }

    public async Task<IReadOnlyList<DerivedFeature>> ListDerivedFeaturesAsync(int cohortId, CancellationToken ct = default) =>
        (await cohorts.ListDerivedFeaturesAsync(cohortId, ct)).Select(d => new DerivedFeature(d.Name, d.Formula)).ToList();

    public async Task AddDerivedFeatureAsync(int cohortId, string name, string formula, CancellationToken ct = default)
    {
        await RequireCohortAsync(cohortId, ct);
        await cohorts.AddDerivedFeatureAsync(cohortId, name, formula, null, ct);
    }

    public async Task<bool> DeleteDerivedFeatureAsync(int cohortId, string name, CancellationToken ct = default)
    {
        await RequireCohortAsync(cohortId, ct);
        return await cohorts.DeleteDerivedFeatureAsync(cohortId, name, ct);
    }

    public async Task<int> SaveSpecAsync(string name, ModelSpecification specification, int? cohortId, CancellationToken ct = default)
    {
        if (cohortId is { } id) await RequireCohortAsync(id, ct);
        else Require(ProjectRole.Analyst);
        return (await specs.SaveAsync(name, JsonSerializer.Serialize(specification, Json), cohortId, ct)).Id;
    }

    public async Task<IReadOnlyList<SavedSpec>> ListSpecsAsync(CancellationToken ct = default) =>
        (await specs.ListAsync(ct)).Select(s => new SavedSpec(s.Id, s.Name, s.CohortId,
            JsonSerializer.Deserialize<ModelSpecification>(s.SpecJson, Json)!, Utc(s.CreatedUtc))).ToList();

    public async Task UpdateMetricsAsync(int modelId, ModelMetrics metrics, CancellationToken ct = default)
    {
        await RequireModelAsync(modelId, ct);
        await models.UpdateMetricsAsync(modelId, JsonSerializer.Serialize(metrics, Json), ct);
    }

    public async Task<int> SaveModelAsync(int cohortId, string name, GamModel model, ModelSpecification specification,
        ModelMetrics metrics, CancellationToken ct = default)
    {
        await RequireCohortAsync(cohortId, ct);
        var saved = await models.SaveAsync(new NewModel
        {
            CohortId = cohortId,
            Name = name,
            Engine = model.Info.Engine,
            Outcome = specification.Outcome,
            ModelJson = GamModelJson.Serialize(model),
            MetricsJson = JsonSerializer.Serialize(metrics, Json),
            SpecJson = JsonSerializer.Serialize(specification, Json),
            SplitSeed = specification.Seed,
            TestRowsDescription = $"stratified {metrics.TestFraction:0%} holdout, {metrics.TestRows:N0} rows",
            FitSeconds = model.Info.FitSeconds,
        }, ct);
        return saved.Id;
    }

    public async Task<ModelEntry?> FindModelAsync(int id, CancellationToken ct = default)
    {
        var record = await models.GetAsync(id, ct);
        if (record is null) return null;
        var model = GamModelJson.Deserialize(record.ModelJson);
        var spec = record.SpecJson is null
            ? new ModelSpecification { Outcome = record.Outcome, Features = model.Info.Features, Seed = record.SplitSeed, Engine = record.Engine }
            : JsonSerializer.Deserialize<ModelSpecification>(record.SpecJson, Json)!;
        return new ModelEntry(record.Id, record.CohortId, $"{record.Name} v{record.Version}", model, spec,
            Metrics(record.MetricsJson), Utc(record.CreatedUtc));
    }

    public async Task<IReadOnlyList<ModelListItem>> ListModelsAsync(int? cohortId = null, CancellationToken ct = default)
    {
        var list = cohortId is { } id ? await models.ListAsync(id, ct) : await models.ListAllAsync(ct);
        return list.Select(m => new ModelListItem(m.Id, m.CohortId, m.DisplayName, m.Engine, m.Outcome,
            Metrics(m.MetricsJson), Utc(m.CreatedUtc))).ToList();
    }

    public async Task<FlagCheck> SaveFlagsAsync(int modelId, IReadOnlyList<FlagView> list, IReadOnlyList<NotTestable> notTestable,
        CancellationToken ct = default)
    {
        await RequireModelAsync(modelId, ct);
        // "Not testable" places ride in the run's settings JSON: no schema change (see FlagRunSettings).
        var run = await flags.AppendRunAsync(modelId, list.Select(f =>
            new FlagEntry(f.Feature, f.Kind, f.At, f.Effect, f.EffectLow, f.EffectHigh, f.Z, f.P, f.Message,
                f.Detail is null ? null : GoodhartFlagJson.Serialize(f.Detail))).ToList(), FlagRunSettings.Write(notTestable), ct);
        return new FlagCheck(Utc(run.RunUtc), list) { NotTestable = notTestable };
    }

    public async Task<FlagCheck?> LatestFlagsAsync(int modelId, CancellationToken ct = default) =>
        await flags.GetLatestRunAsync(modelId, ct) is { } run
            ? new FlagCheck(Utc(run.RunUtc), run.Flags.Select(f => new FlagView(f.Feature, f.Kind, f.At ?? double.NaN,
                f.Effect ?? double.NaN, f.EffectLow ?? double.NaN, f.EffectHigh ?? double.NaN, f.Z ?? double.NaN,
                f.P ?? double.NaN, f.Message, f.ToGoodhartFlag())).ToList()) { NotTestable = FlagRunSettings.NotTestable(run.SettingsJson) }
            : null;

    public async Task<ValidationEntry> SaveValidationAsync(int modelId, int cohortId, ExternalValidationResult result, CancellationToken ct = default)
    {
        await RequireModelAsync(modelId, ct);
        await RequireCohortAsync(cohortId, ct);
        var record = await validations.AddAsync(new NewExternalValidation
        {
            ModelId = modelId,
            CohortId = cohortId,
            Rows = result.Rows,
            Events = result.Events,
            ExcludedRows = result.ExcludedRows,
            Auc = result.Auc.Auc,
            AucLow = result.Auc.Lower,
            AucHigh = result.Auc.Upper,
            LogLoss = result.LogLoss,
            Brier = result.Brier,
            CalibrationSlope = result.Calibration.Slope,
            CalibrationIntercept = result.Calibration.Intercept,
            CalibrationJson = JsonSerializer.Serialize(result.Calibration.Bins, Json),
        }, ct);
        return ToEntry(record);
    }

    public async Task<IReadOnlyList<ValidationEntry>> ListValidationsAsync(int modelId, CancellationToken ct = default) =>
        (await validations.ListAsync(modelId, ct)).Select(ToEntry).ToList();

    private static ValidationEntry ToEntry(ExternalValidationRecord r) =>
        new(r.Id, r.ModelId, r.CohortId, r.CohortName, Utc(r.RunUtc), r.Rows, r.Events, r.ExcludedRows,
            r.Auc ?? double.NaN, r.AucLow ?? double.NaN, r.AucHigh ?? double.NaN, r.LogLoss ?? double.NaN, r.Brier ?? double.NaN,
            r.CalibrationSlope ?? double.NaN, r.CalibrationIntercept ?? double.NaN,
            r.CalibrationJson is null ? [] : JsonSerializer.Deserialize<List<CalibrationBin>>(r.CalibrationJson, Json)!);

    public async Task<int> CreateFitRunAsync(int cohortId, ModelSpecification specification, CancellationToken ct = default)
    {
        await RequireCohortAsync(cohortId, ct);
        int id = await runs.CreateAsync(cohortId, JsonSerializer.Serialize(specification, Json), ct);
        await runs.MarkRunningAsync(id, ct);
        return id;
    }

    public async Task<int> QueueFitRunAsync(FitJob job, CancellationToken ct = default)
    {
        await RequireCohortAsync(job.CohortId, ct);
        return await runs.QueueAsync(new QueuedFit(job.CohortId, JsonSerializer.Serialize(job.Specification, Json), job.Name,
            job.TestFraction, job.CrossValidationFolds, job.StartedBy.Length > 0 ? job.StartedBy : LocalUser, job.StartedByUserId,
            job.QueuedUtc == default ? null : job.QueuedUtc), ct);
    }

    public Task MarkFitRunningAsync(int runId, CancellationToken ct = default) => runs.MarkRunningAsync(runId, ct);

    public async Task<IReadOnlyList<QueuedFitEntry>> ListQueuedFitsAsync(CancellationToken ct = default) =>
        (await runs.ListResumableAsync(ct)).Select(r => new QueuedFitEntry(r.Id, r.ProjectId, r.CohortId, r.Name!,
            JsonSerializer.Deserialize<ModelSpecification>(r.SpecJson, Json)!, r.TestFraction!.Value, r.CrossValidationFolds,
            r.StartedBy ?? LocalUser, r.StartedByUserId)).ToList();

    public async Task<int?> StartCheckAsync(int modelId, string kind, CancellationToken ct = default)
    {
        if (checks is null) return null;
        await RequireModelAsync(modelId, ct);
        return await checks.StartAsync(modelId, kind, ProjectScope.Current?.Who ?? LocalUser, ct);
    }

    public Task EndCheckAsync(int checkId, CheckRunStatus status, string? message, CancellationToken ct = default) =>
        checks?.EndAsync(checkId, status, message, ct) ?? Task.CompletedTask;

    public async Task<CheckRunEntry?> LatestCheckAsync(int modelId, string kind, CancellationToken ct = default) =>
        checks is not null && await checks.LatestAsync(modelId, kind, ct) is { } r
            ? new CheckRunEntry(r.Id, r.ModelId, r.Status, r.StartedBy, Utc(r.StartedUtc), r.FinishedUtc is { } f ? Utc(f) : null, r.Message)
            : null;

    public Task ReportFitProgressAsync(int runId, double fraction, string stage, CancellationToken ct = default) =>
        runs.ReportProgressAsync(runId, fraction, stage, ct);

    public Task FinishFitRunAsync(int runId, FitStatus status, int? modelId, string? error, CancellationToken ct = default) =>
        status switch
        {
            FitStatus.Succeeded => runs.MarkSucceededAsync(runId, modelId ?? throw new ArgumentNullException(nameof(modelId)), ct),
            FitStatus.Cancelled => runs.MarkCancelledAsync(runId, ct),
            _ => runs.MarkFailedAsync(runId, error ?? "unknown error", ct),
        };

    public async Task<IReadOnlyList<InterruptedFit>> ListInterruptedFitsAsync(CancellationToken ct = default) =>
        (await runs.ListInterruptedAsync(ct)).Select(r => new InterruptedFit(r.Id, r.CohortId,
            JsonSerializer.Deserialize<ModelSpecification>(r.SpecJson, Json)!, Utc(r.CreatedUtc), r.Progress, r.Stage)).ToList();

    public Task ResolveInterruptedFitAsync(int runId, string note, CancellationToken ct = default)
    {
        Require(ProjectRole.Analyst);
        return runs.ResolveInterruptedAsync(runId, note, ct);
    }

    private static ModelMetrics Metrics(string? json) =>
        json is null ? new ModelMetrics { TestAuc = double.NaN, TestLogLoss = double.NaN }
            : JsonSerializer.Deserialize<ModelMetrics>(json, Json)!;

    private static CohortEntry ToEntry(CohortSummary s) =>
        new(s.Id, s.Name, s.SourceFileName ?? "", s.RowCount, s.ColumnCount, Utc(s.CreatedUtc));

    private static DateTimeOffset Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
