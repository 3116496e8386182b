using System.Diagnostics;
using ClinicalGAM.Core.Diagnostics.MeasurementValue;

namespace ClinicalGAM.Web.Services;

/// <summary>
/// Runs the measurement-value analysis for a saved model's outcome and features on its cohort, with the costs from
/// the cohort's data dictionary. Background, cancellable, one run per model. A finished analysis is stored with the
/// model (settings, seed, time, who), so a reopened model shows its last one and the report uses it.
/// </summary>
public sealed class MeasurementValueService(IWorkbenchStore store, CohortService cohorts, ILogger<MeasurementValueService> logger)
{
    private readonly ModelTaskRuns<MeasurementValueRun> _runs = new();

    /// <summary>The saved model (without building its full view: these pages need only the model and cohort).</summary>
    public Task<ModelEntry?> FindModelAsync(int modelId) => store.FindModelAsync(modelId);

    public event Action<MeasurementValueRun>? Changed;

    public MeasurementValueRun? Find(int modelId) => _runs.Find(modelId);

    public const string Kind = "measurement-value";

    /// <summary>This server's run for the model, else the last stored analysis (null when there is none).</summary>
    public async Task<MeasurementValueRun?> FindAsync(int modelId)
    {
        if (Find(modelId) is { } run) return run;
        if (await store.LatestAnalysisAsync(modelId, Kind) is not { } stored) return null;
        if (AnalysisJson.Read<MeasurementValueReport>(stored.ResultJson) is not { } result) return null;
        return _runs.Restore(modelId, new MeasurementValueRun
        {
            ModelId = modelId, IsRunning = false, Result = result, Fraction = 1, Stage = "Stored",
            Elapsed = TimeSpan.FromSeconds(stored.Seconds), Provenance = new AnalysisProvenance(stored.CreatedUtc, stored.Who, stored.Seed),
        });
    }

    public MeasurementValueRun Start(ModelEntry entry, bool searchPanels = true, double? budget = null) =>
        _runs.Start(entry.Id, () => new MeasurementValueRun { ModelId = entry.Id }, run => RunAsync(entry, run, searchPanels, budget));

    public void Cancel(int modelId) => _runs.Cancel(modelId);

    private async Task RunAsync(ModelEntry entry, MeasurementValueRun run, bool searchPanels, double? budget)
    {
        var ct = run.Cancellation.Token;
        var clock = Stopwatch.StartNew();
        try
        {
            var table = await cohorts.TableForAsync(entry);
            var dictionary = await cohorts.DictionaryAsync(entry.CohortId);
            var costs = dictionary.Where(d => d.Annotation.MeasurementCost is { } c && double.IsFinite(c))
                .ToDictionary(d => d.Name, d => d.Annotation.MeasurementCost!.Value);
            var options = new MeasurementValueOptions { Seed = entry.Specification.Seed, Costs = costs, Budget = budget, SearchPanels = searchPanels };
            var progress = new Progress<(double Fraction, string Stage)>(p => { run.Fraction = p.Fraction; run.Stage = p.Stage; Changed?.Invoke(run); });
            run.Result = await Task.Run(() => MeasurementValueAnalysis.Run(table, entry.Specification.Outcome,
                entry.Model.Info.Features, options, progress, ct), ct);
            run.Elapsed = clock.Elapsed;
            try
            {
                await store.SaveAnalysisAsync(entry.Id, Kind, options.Seed, AnalysisJson.Write(options), AnalysisJson.Write(run.Result), run.Elapsed.TotalSeconds);
                run.Provenance = new AnalysisProvenance(DateTimeOffset.UtcNow, SqliteWorkbenchStore.LocalUser, options.Seed);
            }
            catch (Exception ex) { logger.LogWarning(ex, "Storing the measurement value of model {Model} failed", entry.Id); }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { run.Error = "Cancelled."; }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Measurement value for model {Model} failed", entry.Id);
            run.Error = ex.Message;
        }
        if (run.Elapsed == TimeSpan.Zero) run.Elapsed = clock.Elapsed;
        run.IsRunning = false;
        Changed?.Invoke(run);
    }
}
