using ClinicalGAM.Core.Diagnostics.Metrics;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.MlNet;

namespace ClinicalGAM.Web.Services;

/// <summary>State of a black-box reference fit for one model.</summary>
public sealed class BlackBoxRun : ModelTaskRun
{
    public double Fraction { get; internal set; }
}

/// <summary>
/// Fits ML.NET FastTree on the same features and training rows as a saved GAM and stores its test AUC next to the
/// GAM's: "what transparency costs here". Runs in the background; can be cancelled.
/// </summary>
public sealed class BlackBoxService(IWorkbenchStore store, CohortService cohorts, ModelViewService views, ILogger<BlackBoxService> logger)
{
    private readonly ModelTaskRuns<BlackBoxRun> _runs = new();

    public event Action<BlackBoxRun>? Changed;

    public BlackBoxRun? Find(int modelId) => _runs.Find(modelId);

    public BlackBoxRun Start(ModelEntry entry) =>
        _runs.Start(entry.Id, () => new BlackBoxRun { ModelId = entry.Id }, run => RunAsync(entry, run));

    public void Cancel(int modelId) => _runs.Cancel(modelId);

    private async Task RunAsync(ModelEntry entry, BlackBoxRun run)
    {
        var ct = run.Cancellation.Token;
        try
        {
            var table = await cohorts.TableForAsync(entry);
            var labels = Modeling.BinaryLabels(table, entry.Specification.Outcome);
            var split = Modeling.Split(labels, entry.Metrics.TestFraction, entry.Specification.Seed);
            var spec = entry.Specification with { Engine = FastTreeReference.EngineName };
            var progress = new Progress<FitProgress>(p => { run.Fraction = p.Fraction; Changed?.Invoke(run); });
            var scorer = await Task.Run(() => FastTreeReference.Fit(table, spec, split.Train, progress, ct), ct);
            var risk = scorer.Predict(table, ct);
            var y = split.Test.Select(i => labels[i]).ToArray();
            var p = split.Test.Select(i => risk[i]).ToArray();
            await store.UpdateMetricsAsync(entry.Id, entry.Metrics with { BlackBoxAuc = BinaryMetrics.RocAuc(y, p) }, CancellationToken.None);
            views.Invalidate(entry.Id);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            run.Error = "Cancelled.";
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Black-box reference for model {Model} failed", entry.Id);
            run.Error = ex.Message;
        }
        run.IsRunning = false;
        Changed?.Invoke(run);
    }
}
