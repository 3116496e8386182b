using System.Diagnostics;
using ClinicalGAM.Core.Diagnostics.Fairness;

namespace ClinicalGAM.Web.Services;

/// <summary>
/// Runs the four-strategy fairness comparison for a saved model and one sensitive column of its cohort. Background,
/// cancellable, one run per model. A finished comparison is stored with the model (settings, seed, time, who), so a
/// reopened model shows its last one and the report uses it.
/// </summary>
public sealed class FairnessService(IWorkbenchStore store, CohortService cohorts, ILogger<FairnessService> logger)
{
    private readonly ModelTaskRuns<FairnessRun> _runs = new();

    /// <summary>The saved model (without building its full view: these pages need only the model and cohort).</summary>
    public Task<ModelEntry?> FindModelAsync(int modelId) => store.FindModelAsync(modelId);

    public event Action<FairnessRun>? Changed;

    public FairnessRun? Find(int modelId) => _runs.Find(modelId);

    /// <summary>This server's run for the model, else the last stored comparison (null when there is none).</summary>
    public async Task<FairnessRun?> FindAsync(int modelId)
    {
        if (Find(modelId) is { } run) return run;
        if (await store.LatestAnalysisAsync(modelId, Kind) is not { } stored) return null;
        var settings = AnalysisJson.Read<FairnessSettings>(stored.SettingsJson);
        var result = AnalysisJson.Read<FairnessReport>(stored.ResultJson);
        if (settings is null || result is null) return null;
        return _runs.Restore(modelId, new FairnessRun
        {
            ModelId = modelId, Sensitive = settings.Sensitive, IsRunning = false, Result = result, Fraction = 1, Stage = "Stored",
            Elapsed = TimeSpan.FromSeconds(stored.Seconds), Provenance = new AnalysisProvenance(stored.CreatedUtc, stored.Who, stored.Seed),
        });
    }

    /// <summary>Columns the data dictionary marks sensitive, for the attribute picker.</summary>
    public async Task<IReadOnlyList<string>> SensitiveColumnsAsync(int cohortId) =>
        (await cohorts.DictionaryAsync(cohortId)).Where(d => d.Annotation.IsSensitive).Select(d => d.Name).ToList();

    public const string Kind = "fairness";

    /// <summary>What was asked, stored beside the result.</summary>
    public sealed record FairnessSettings(string Sensitive, FairnessOptions Options);

    public FairnessRun Start(ModelEntry entry, string sensitive, double? threshold = null, double strength = 0.75,
        ParityConstraint constraint = ParityConstraint.DemographicParity) =>
        _runs.Start(entry.Id, () => new FairnessRun { ModelId = entry.Id, Sensitive = sensitive },
            run => RunAsync(entry, run, new FairnessOptions { Seed = entry.Specification.Seed, Threshold = threshold, Strength = strength, Constraint = constraint }));

    public void Cancel(int modelId) => _runs.Cancel(modelId);

    private async Task RunAsync(ModelEntry entry, FairnessRun run, FairnessOptions options)
    {
        var ct = run.Cancellation.Token;
        var clock = Stopwatch.StartNew();
        try
        {
            var table = await cohorts.TableForAsync(entry);
            var progress = new Progress<(double Fraction, string Stage)>(p => { run.Fraction = p.Fraction; run.Stage = p.Stage; Changed?.Invoke(run); });
            run.Result = await Task.Run(() => FairnessComparison.Run(table, entry.Specification.Outcome, entry.Model.Info.Features,
                run.Sensitive, entry.Model, options, progress, ct), ct);
            run.Elapsed = clock.Elapsed;
            await StoreAsync(entry, run, options);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { run.Error = "Cancelled."; }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Fairness comparison for model {Model} failed", entry.Id);
            run.Error = ex.Message;
        }
        if (run.Elapsed == TimeSpan.Zero) run.Elapsed = clock.Elapsed;
        run.IsRunning = false;
        Changed?.Invoke(run);
    }

    /// <summary>A storage failure is logged, not shown as the analysis failing: the result is on screen either way.</summary>
    private async Task StoreAsync(ModelEntry entry, FairnessRun run, FairnessOptions options)
    {
        try
        {
            await store.SaveAnalysisAsync(entry.Id, Kind, options.Seed, AnalysisJson.Write(new FairnessSettings(run.Sensitive, options)),
                AnalysisJson.Write(run.Result), run.Elapsed.TotalSeconds);
            run.Provenance = new AnalysisProvenance(DateTimeOffset.UtcNow, SqliteWorkbenchStore.LocalUser, options.Seed);
        }
        catch (Exception ex) { logger.LogWarning(ex, "Storing the fairness comparison of model {Model} failed", entry.Id); }
    }
}
