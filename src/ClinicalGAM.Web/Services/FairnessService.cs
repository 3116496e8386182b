using System.Diagnostics;
using ClinicalGAM.Core.Diagnostics.Fairness;

namespace ClinicalGAM.Web.Services;

/// <summary>
/// Runs the four-strategy fairness comparison for a saved model and one sensitive column of its cohort. Background,
/// cancellable, one run per model; results kept in memory (no schema change).
/// </summary>
public sealed class FairnessService(IWorkbenchStore store, CohortService cohorts, ILogger<FairnessService> logger)
{
    private readonly ModelTaskRuns<FairnessRun> _runs = new();

    /// <summary>The saved model (without building its full view: these pages need only the model and cohort).</summary>
    public Task<ModelEntry?> FindModelAsync(int modelId) => store.FindModelAsync(modelId);

    public event Action<FairnessRun>? Changed;

    public FairnessRun? Find(int modelId) => _runs.Find(modelId);

    /// <summary>Columns the data dictionary marks sensitive, for the attribute picker.</summary>
    public async Task<IReadOnlyList<string>> SensitiveColumnsAsync(int cohortId) =>
        (await cohorts.DictionaryAsync(cohortId)).Where(d => d.Annotation.IsSensitive).Select(d => d.Name).ToList();

    public FairnessRun Start(ModelEntry entry, string sensitive, double? threshold = null, double strength = 1.0) =>
        _runs.Start(entry.Id, () => new FairnessRun { ModelId = entry.Id, Sensitive = sensitive },
            run => RunAsync(entry, run, new FairnessOptions { Seed = entry.Specification.Seed, Threshold = threshold, Strength = strength }));

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
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { run.Error = "Cancelled."; }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Fairness comparison for model {Model} failed", entry.Id);
            run.Error = ex.Message;
        }
        run.Elapsed = clock.Elapsed;
        run.IsRunning = false;
        Changed?.Invoke(run);
    }
}
