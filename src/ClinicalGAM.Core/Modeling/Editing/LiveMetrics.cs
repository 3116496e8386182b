using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Modeling.Editing;

/// <summary>Which rows the live metrics are computed on.</summary>
public abstract record MetricScope
{
    public sealed record AllRows : MetricScope;
    /// <summary>Rows whose value falls in the selected cells of a term (the patients the edit moves).</summary>
    public sealed record SelectedCells(string Term, int[] Cells) : MetricScope;
    /// <summary>Rows with one level of a categorical column (a slice: a site, a period, a group).</summary>
    public sealed record Slice(string Column, string Level) : MetricScope;

    public static readonly MetricScope All = new AllRows();
}

/// <summary>Metrics of one model on the validation and the test rows within a scope.</summary>
public sealed record LiveMetricsResult(MetricSet Validation, MetricSet Test);

/// <summary>
/// Recomputes a model's metrics after every edit, fast enough to run on each click. The rows' bins are found once
/// per term (binning is the slow part) and kept; scoring an edited model is then one table lookup per term and row,
/// and the metrics one sort per row set. Terms swapped in from another model have other bins: they are binned on
/// first use and cached too.
/// </summary>
public sealed class LiveMetrics
{
    private readonly CohortTable _table;
    private readonly double[] _labels;
    private readonly Dictionary<(string Term, FeatureBinning[] Binnings), int[]> _cells = new(new TermKey());
    private readonly object _gate = new();

    /// <param name="validationRows">Rows used to check the edit does not damage the fit (chosen by the caller).</param>
    /// <param name="testRows">The untouched held-out rows of the fit.</param>
    public LiveMetrics(CohortTable table, double[] labels, int[] validationRows, int[] testRows)
    {
        _table = table;
        _labels = labels;
        ValidationRows = validationRows;
        TestRows = testRows;
        Rows = validationRows.Concat(testRows).ToArray();
    }

    public int[] ValidationRows { get; }
    public int[] TestRows { get; }
    // Validation rows first, then test rows: positions in this array index the cached cells.
    private int[] Rows { get; }

    public LiveMetricsResult Evaluate(GamModel model, MetricScope scope, double threshold, CancellationToken ct = default)
    {
        var eta = new double[Rows.Length];
        Array.Fill(eta, model.Intercept);
        foreach (var term in model.Terms)
        {
            ct.ThrowIfCancellationRequested();
            var cells = CellsOf(term);
            var scores = term.Scores;
            for (int i = 0; i < eta.Length; i++) eta[i] += scores[cells[i]];
        }
        var keep = Keep(model, scope);
        int nv = ValidationRows.Length;
        return new LiveMetricsResult(Set(eta, keep, 0, nv, model, threshold), Set(eta, keep, nv, Rows.Length, model, threshold));
    }

    private MetricSet Set(double[] eta, bool[]? keep, int from, int to, GamModel model, double threshold)
    {
        var y = new List<double>(to - from);
        var p = new List<double>(to - from);
        for (int i = from; i < to; i++)
        {
            if (keep is not null && !keep[i]) continue;
            y.Add(_labels[Rows[i]]);
            p.Add(ObjectiveLink.Inverse(model.Info.Objective, eta[i]));
        }
        return MetricSet.Of(y.ToArray(), p.ToArray(), threshold);
    }

    private bool[]? Keep(GamModel model, MetricScope scope)
    {
        switch (scope)
        {
            case MetricScope.AllRows:
                return null;
            case MetricScope.SelectedCells s:
            {
                var term = model.Term(s.Term) ?? throw new ArgumentException($"The model has no term '{s.Term}'.");
                var cells = CellsOf(term);
                var chosen = new HashSet<int>(s.Cells);
                return cells.Select(chosen.Contains).ToArray();
            }
            case MetricScope.Slice s:
            {
                if (_table.Find(s.Column) is not CategoricalColumn column)
                    throw new ArgumentException($"'{s.Column}' is not a categorical column of the cohort.");
                int level = column.Levels.ToList().IndexOf(s.Level);
                if (level < 0) throw new ArgumentException($"'{s.Column}' has no level '{s.Level}'.");
                return Rows.Select(r => column[r] == level).ToArray();
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(scope));
        }
    }

    private int[] CellsOf(GamTerm term)
    {
        lock (_gate)
        {
            if (_cells.TryGetValue((term.Name, term.Binnings), out var cached)) return cached;
        }
        var dims = term.Binnings.Select(b => GamModel.BinColumn(b, _table)).ToArray();
        var cells = new int[Rows.Length];
        int stride = term.IsInteraction ? term.Binnings[1].BinCount : 0;
        for (int i = 0; i < cells.Length; i++)
            cells[i] = term.IsInteraction ? dims[0][Rows[i]] * stride + dims[1][Rows[i]] : dims[0][Rows[i]];
        lock (_gate) _cells[(term.Name, term.Binnings)] = cells;
        return cells;
    }

    // Terms are keyed by name and their binnings' identity: an edited term shares its binnings with the fitted one.
    private sealed class TermKey : IEqualityComparer<(string Term, FeatureBinning[] Binnings)>
    {
        public bool Equals((string Term, FeatureBinning[] Binnings) a, (string Term, FeatureBinning[] Binnings) b) =>
            a.Term == b.Term && ReferenceEquals(a.Binnings, b.Binnings);
        public int GetHashCode((string Term, FeatureBinning[] Binnings) k) =>
            HashCode.Combine(k.Term, System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(k.Binnings));
    }
}
