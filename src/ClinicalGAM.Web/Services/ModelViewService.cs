using System.Collections.Concurrent;
using ClinicalGAM.Core.Diagnostics.Metrics;
using RocCurve = ClinicalGAM.Reporting.Plots.RocCurve;

namespace ClinicalGAM.Web.Services;

/// <summary>Builds (and caches) the model page's view: ranked terms and test-set ROC and calibration.</summary>
public sealed class ModelViewService(IWorkbenchStore store, CohortService cohorts)
{
    private readonly ConcurrentDictionary<(int Project, int Id), Lazy<Task<ModelView?>>> _views = new();

    // Per project and id: a view cached for one project is never served to another (see CohortService).
    private static (int Project, int Id) Key(int id) => (ClinicalGAM.Storage.ProjectScope.Current?.ProjectId ?? -1, id);

    public Task<IReadOnlyList<ModelListItem>> ListAsync(int? cohortId = null) => store.ListModelsAsync(cohortId);

    public Task<ModelView?> GetAsync(int modelId) =>
        _views.GetOrAdd(Key(modelId), key => new Lazy<Task<ModelView?>>(() => BuildAsync(key.Id))).Value;

    /// <summary>Two saved models side by side, or null when either does not exist.</summary>
    public async Task<ModelComparison?> CompareAsync(int a, int b) =>
        await store.FindModelAsync(a) is { } first && await store.FindModelAsync(b) is { } second
            ? ModelComparison.Of(first, second) : null;

    /// <summary>Drops the cached view (after the model's metrics changed).</summary>
    public void Invalidate(int modelId) => _views.TryRemove(Key(modelId), out _);

    /// <summary>Drops a deleted model's view from every project's cache.</summary>
    public void Forget(int modelId)
    {
        foreach (var key in _views.Keys.Where(k => k.Id == modelId)) _views.TryRemove(key, out _);
    }

    /// <summary>Test-set metrics within each level of a categorical (or binary) column.</summary>
    public async Task<IReadOnlyList<SubgroupMetrics>> SubgroupsAsync(ModelView view, string column)
    {
        var table = await cohorts.TableForAsync(view.Entry);
        return SubgroupMetrics.By(table[column], view.Test);
    }

    /// <summary>The explanation of one patient (0-based row of the model's cohort).</summary>
    public async Task<PatientExplanation> ExplainAsync(ModelEntry entry, int row)
    {
        var table = await cohorts.TableForAsync(entry);
        return PatientExplanation.For(entry.Model, table, row);
    }

    private async Task<ModelView?> BuildAsync(int modelId)
    {
        var entry = await store.FindModelAsync(modelId);
        if (entry is null) return null;
        var cohort = await store.FindCohortAsync(entry.CohortId);
        var table = await cohorts.TableForAsync(entry);
        return await Task.Run(() =>
        {
            // The same seed and fraction as the fit give the same held-out rows.
            var labels = Modeling.BinaryLabels(table, entry.Specification.Outcome);
            var test = Modeling.Split(labels, entry.Metrics.TestFraction, entry.Specification.Seed).Test;
            var risk = entry.Model.Predict(table);
            var y = test.Select(i => labels[i]).ToArray();
            var p = test.Select(i => risk[i]).ToArray();
            return new ModelView(entry, cohort, entry.Model.RankedTerms().ToList(), RocCurve.Compute(y, p), BinaryMetrics.Calibration(y, p),
                new HeldOut(test, y, p), DecisionCurve.Compute(y, p, DecisionThresholds(p)));
        });
    }

    // Thresholds up to a little above the highest predicted risk (at most 99%): beyond it the model treats nobody.
    private static IReadOnlyList<double> DecisionThresholds(double[] p)
    {
        double top = Math.Min(0.99, Math.Max(0.05, 1.2 * (p.Length == 0 ? 0.5 : p.Max())));
        return DecisionCurve.DefaultThresholds(0.005).Where(t => t <= top).ToList();
    }
}
