using ClinicalGAM.Core.Computing;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Metrics;

namespace ClinicalGAM.Core.Diagnostics.MeasurementValue;

/// <summary>
/// Greedy forward and backward selection of measurement panels with refits. Choices are made on an inner validation
/// split of the training rows (so the test rows never steer the search), with quick search fits (FastRefit.SearchFit)
/// run side by side and cached per panel. Forward adds the measurement with the best AUC gain per unit cost; backward
/// drops the one with the least AUC loss per unit cost saved. The panels on the inner cost/AUC frontier are then
/// refitted properly (FastRefit on all training rows) and reported on the test rows with a DeLong CI; every other
/// panel tried is reported from its search fit (Refitted = false).
/// </summary>
public sealed class PanelSearch(CohortTable cohort, string outcome, double[] labels, DataSplit split, Func<string, double> cost, int seed)
{
    private readonly DataSplit _inner = InnerSplit(labels, split.Train, seed);
    private readonly Dictionary<string, (double Inner, PanelPoint Quick)> _fits = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public IReadOnlyList<PanelPoint> Run(string[] candidates, string[] pinned, IProgress<double>? progress, CancellationToken ct)
    {
        int free = candidates.Length - pinned.Length;
        double total = Math.Max(1, free * (free + 1.0)) + 1, done = 0;
        void Tick(int n) => progress?.Report(Math.Min(1, (done += n) / total));
        var tried = new List<(string Search, string[] Panel)>();

        // Forward: from the pinned panel upwards.
        var panel = pinned.ToList();
        tried.Add(("forward", panel.ToArray()));
        while (panel.Count < candidates.Length)
        {
            double baseAuc = Inner(panel, ct);
            var options = candidates.Except(panel).Select(f => (f, panel: panel.Append(f).ToArray())).ToArray();
            var aucs = InnerAll(options.Select(o => o.panel).ToArray(), ct);
            Tick(options.Length);
            var best = options.Select((o, i) => (o.f, score: (aucs[i] - baseAuc) / Math.Max(cost(o.f), 1e-9)))
                .OrderByDescending(x => x.score).ThenBy(x => x.f, StringComparer.Ordinal).First();
            panel.Add(best.f);
            tried.Add(("forward", panel.ToArray()));
        }

        // Backward: from every candidate downwards to the pinned panel.
        panel = candidates.ToList();
        while (panel.Count > pinned.Length)
        {
            double baseAuc = Inner(panel, ct);
            var options = panel.Except(pinned).Select(f => (f, panel: panel.Where(x => x != f).ToArray())).ToArray();
            var aucs = InnerAll(options.Select(o => o.panel).ToArray(), ct);
            Tick(options.Length);
            var best = options.Select((o, i) => (o.f, score: (baseAuc - aucs[i]) / Math.Max(cost(o.f), 1e-9)))
                .OrderBy(x => x.score).ThenBy(x => x.f, StringComparer.Ordinal).First();
            panel.Remove(best.f);
            tried.Add(("backward", panel.ToArray()));
        }

        // Proper refits for the panels no other panel beats on cost and inner AUC; the rest keep their search fit.
        var distinct = tried.GroupBy(t => Key(t.Panel)).Select(g => g.First()).ToList();
        var inner = distinct.Select(t => (t.Search, t.Panel, Auc: Inner(t.Panel, ct), Cost: t.Panel.Sum(cost))).ToList();
        var points = new List<PanelPoint>();
        foreach (var p in inner)
        {
            bool dominated = inner.Any(q => q.Cost <= p.Cost && q.Auc >= p.Auc && (q.Cost < p.Cost || q.Auc > p.Auc));
            points.Add(dominated ? _fits.TryGetValue(Key(p.Panel), out var f) ? f.Quick with { Search = p.Search } : Evaluate(p.Search, p.Panel, ct)
                : Evaluate(p.Search, p.Panel, ct));
        }
        progress?.Report(1);
        return points;
    }

    /// <summary>Properly refitted panels no other refitted panel beats on both cost (lower) and test AUC (higher), cheapest first.</summary>
    public static IReadOnlyList<PanelPoint> Frontier(IEnumerable<PanelPoint> points)
    {
        var distinct = points.Where(p => p.Refitted).GroupBy(p => Key(p.Panel)).Select(g => g.First()).ToList();
        return distinct.Where(p => !distinct.Any(q => q != p && q.TotalCost <= p.TotalCost && q.Auc >= p.Auc && (q.TotalCost < p.TotalCost || q.Auc > p.Auc)))
            .OrderBy(p => p.TotalCost).ThenBy(p => p.Auc).ToList();
    }

    private static string Key(IEnumerable<string> panel) => string.Join("|", panel.Order(StringComparer.Ordinal));

    /// <summary>Inner validation AUCs of several panels, fitted side by side (each fit single-threaded; results do not depend on the order).</summary>
    private double[] InnerAll(string[][] panels, CancellationToken ct)
    {
        var result = new double[panels.Length];
        BoundedParallel.For(panels.Length, ct, i => result[i] = Inner(panels[i], ct));
        return result;
    }

    private double Inner(IReadOnlyList<string> panel, CancellationToken ct)
    {
        string key = Key(panel);
        lock (_gate) if (_fits.TryGetValue(key, out var cached)) return cached.Inner;
        var y = _inner.Test.Select(r => labels[r]).ToArray();
        var yTest = split.Test.Select(r => labels[r]).ToArray();
        double inner;
        PanelPoint quick;
        if (panel.Count == 0)
        {
            inner = 0.5;
            quick = new PanelPoint("", [], 0, 0.5, 0.5, 0.5, Refitted: false);
        }
        else
        {
            var p = FastRefit.SearchFit(cohort, outcome, panel, _inner.Train, seed, ct).Predict(cohort, ct);
            inner = PairedBootstrap.Auc(y, MeasurementValueAnalysis.Subset(p, _inner.Test));
            var ci = BinaryMetrics.RocAucConfidenceInterval(yTest, MeasurementValueAnalysis.Subset(p, split.Test));
            quick = new PanelPoint("", panel.ToArray(), panel.Sum(cost), Finite(ci.Auc), Finite(ci.Lower), Finite(ci.Upper), Refitted: false);
        }
        lock (_gate) _fits[key] = (inner, quick);
        return inner;
    }

    private static double Finite(double x) => double.IsFinite(x) ? x : 0.5;

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
