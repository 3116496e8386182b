using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Metrics;

namespace ClinicalGAM.Core.Diagnostics.MeasurementValue;

/// <summary>
/// Greedy forward and backward selection of measurement panels with refits. Choices are made on an inner validation
/// split of the training rows (so the test rows never steer the search); each chosen panel is then refitted on all
/// training rows and its AUC reported on the test rows with a DeLong CI. Forward adds the measurement with the best
/// AUC gain per unit cost; backward drops the one with the least AUC loss per unit cost saved.
/// </summary>
public sealed class PanelSearch(CohortTable cohort, string outcome, double[] labels, DataSplit split, Func<string, double> cost, int seed)
{
    private readonly DataSplit _inner = InnerSplit(labels, split.Train, seed);
    private readonly Dictionary<string, double> _innerAuc = new(StringComparer.Ordinal);

    public IReadOnlyList<PanelPoint> Run(string[] candidates, string[] pinned, IProgress<double>? progress, CancellationToken ct)
    {
        int free = candidates.Length - pinned.Length;
        double total = Math.Max(1, free * (free + 1.0)), done = 0;
        void Tick() => progress?.Report(Math.Min(1, ++done / total));
        var points = new List<PanelPoint>();

        // Forward: from the pinned panel upwards.
        var panel = pinned.ToList();
        points.Add(Evaluate("forward", panel, ct));
        while (panel.Count < candidates.Length)
        {
            double baseAuc = InnerAuc(panel, ct);
            var best = candidates.Except(panel).Select(f => { var a = InnerAuc([.. panel, f], ct); Tick(); return (f, score: (a - baseAuc) / Math.Max(cost(f), 1e-9)); })
                .OrderByDescending(x => x.score).ThenBy(x => x.f, StringComparer.Ordinal).First();
            panel.Add(best.f);
            points.Add(Evaluate("forward", panel, ct));
        }

        // Backward: from every candidate downwards to the pinned panel.
        panel = candidates.ToList();
        while (panel.Count > pinned.Length)
        {
            double baseAuc = InnerAuc(panel, ct);
            var best = panel.Except(pinned).Select(f => { var a = InnerAuc(panel.Where(x => x != f).ToList(), ct); Tick(); return (f, score: (baseAuc - a) / Math.Max(cost(f), 1e-9)); })
                .OrderBy(x => x.score).ThenBy(x => x.f, StringComparer.Ordinal).First();
            panel.Remove(best.f);
            points.Add(Evaluate("backward", panel, ct));
        }
        progress?.Report(1);
        return points;
    }

    /// <summary>Panels no other panel beats on both cost (lower) and test AUC (higher), cheapest first.</summary>
    public static IReadOnlyList<PanelPoint> Frontier(IEnumerable<PanelPoint> points)
    {
        var distinct = points.GroupBy(p => string.Join("|", p.Panel.Order(StringComparer.Ordinal))).Select(g => g.First()).ToList();
        return distinct.Where(p => !distinct.Any(q => q != p && q.TotalCost <= p.TotalCost && q.Auc >= p.Auc && (q.TotalCost < p.TotalCost || q.Auc > p.Auc)))
            .OrderBy(p => p.TotalCost).ThenBy(p => p.Auc).ToList();
    }

    private double InnerAuc(IReadOnlyList<string> panel, CancellationToken ct)
    {
        string key = string.Join("|", panel.Order(StringComparer.Ordinal));
        if (_innerAuc.TryGetValue(key, out var cached)) return cached;
        var y = _inner.Test.Select(r => labels[r]).ToArray();
        double[] p = panel.Count == 0 ? FastRefit.Prevalence(labels, _inner.Train, y.Length)
            : MeasurementValueAnalysis.Subset(FastRefit.Fit(cohort, outcome, panel, _inner.Train, seed, ct).Predict(cohort, ct), _inner.Test);
        return _innerAuc[key] = PairedBootstrap.Auc(y, p);
    }

    private PanelPoint Evaluate(string search, IReadOnlyList<string> panel, CancellationToken ct)
    {
        var y = split.Test.Select(r => labels[r]).ToArray();
        double[] p = panel.Count == 0 ? FastRefit.Prevalence(labels, split.Train, y.Length)
            : MeasurementValueAnalysis.Subset(FastRefit.Fit(cohort, outcome, panel, split.Train, seed, ct).Predict(cohort, ct), split.Test);
        var ci = panel.Count == 0 ? new AucInterval(0.5, 0, 0.5, 0.5, 0.95) : BinaryMetrics.RocAucConfidenceInterval(y, p);
        return new PanelPoint(search, panel.ToArray(), panel.Sum(cost), ci.Auc, ci.Lower, ci.Upper);
    }

    private static DataSplit InnerSplit(double[] labels, int[] train, int seed)
    {
        var y = train.Select(r => labels[r]).ToArray();
        var s = CohortSplit.Stratified(y, 0.25, seed + 17);
        return new DataSplit(s.Train.Select(i => train[i]).ToArray(), s.Test.Select(i => train[i]).ToArray());
    }
}
