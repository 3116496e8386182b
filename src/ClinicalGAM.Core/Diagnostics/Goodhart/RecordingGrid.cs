namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>
/// How a column's values were written down: the recording precision p (the grid every value sits on, e.g. 1 mmHg or
/// 0.1 g/dL) and, when clinicians prefer round readings, the coarsest-to-finest "heaped" grain (e.g. a third of blood
/// pressures written as multiples of 10). Terminal-digit preference is everywhere in clinical data and is not by itself
/// a Goodhart signature, so density tests leave heaped grid values out (<see cref="IsKept"/>) and heaping at a cut is
/// judged against the other values of its own grain (<see cref="TopGrain"/>), not against its plain neighbours.
/// </summary>
public sealed class RecordingGrid
{
    private readonly double[] _sorted;
    // Prefix sums of the row weights (null: every row weighs 1), so a weighted cohort counts as the listed one.
    private readonly double[]? _cumulative;

    /// <param name="sorted">Finite recorded values, ascending.</param>
    /// <param name="weights">Row weights in the same order (the model's weight column); null for 1 each.</param>
    public RecordingGrid(double[] sorted, double[]? weights = null)
    {
        _sorted = sorted;
        if (weights is not null)
        {
            _cumulative = new double[sorted.Length + 1];
            for (int i = 0; i < sorted.Length; i++) _cumulative[i + 1] = _cumulative[i] + weights[i];
        }
        Precision = DensityDiscontinuityTest.Precision(sorted);
        HeapedGrain = FindHeapedGrain();
    }

    public double Precision { get; }

    /// <summary>The finest grain (a multiple of 5 or 10 of the precision) whose values hold clearly more readings than their
    /// neighbours; values whose <see cref="TopGrain"/> is at least this are "heaped". Infinity when none.</summary>
    public double HeapedGrain { get; }

    /// <summary>Readings (total weight).</summary>
    public double Count => _cumulative?[^1] ?? _sorted.Length;

    /// <summary>The weighted q-quantile (the first value whose cumulative weight reaches q of the total).</summary>
    public double Quantile(double q)
    {
        if (_cumulative is null) return _sorted[Math.Clamp((int)(q * (_sorted.Length - 1)), 0, _sorted.Length - 1)];
        double goal = q * Count;
        int lo = 0, hi = _sorted.Length - 1;
        while (lo < hi) { int mid = (lo + hi) >> 1; if (_cumulative[mid + 1] < goal) lo = mid + 1; else hi = mid; }
        return _sorted[lo];
    }

    /// <summary>Readings recorded exactly at v (on the grid).</summary>
    public double CountAt(double v) => Weight(LowerBound(v + Precision / 2)) - Weight(LowerBound(v - Precision / 2));

    /// <summary>Readings in [from, to) (values on the grid).</summary>
    public double CountBetween(double from, double to) => Weight(LowerBound(to - Precision / 2)) - Weight(LowerBound(from - Precision / 2));

    private double Weight(int index) => _cumulative?[index] ?? index;

    /// <summary>The largest grain of the ladder 5p, 10p, 50p, 100p, ... that v is a multiple of; p when none.</summary>
    public double TopGrain(double v)
    {
        double top = Precision;
        foreach (double g in Ladder())
        {
            if (g > 1e6 * Precision || g > 100 * Math.Max(Math.Abs(v), Precision)) break;
            if (IsMultiple(v, g)) top = g;
        }
        return top;
    }

    /// <summary>True when a grid value counts towards the smooth density (not on a heaped grain).</summary>
    public bool IsKept(double v) => TopGrain(v) < HeapedGrain;

    /// <summary>Mean readings per kept grid value among the k nearest kept values on each side of v (v left out).</summary>
    public (double Mean, double Total, int Points) LocalLevel(double v, int k = 4)
    {
        double total = 0;
        int points = 0;
        foreach (int side in new[] { -1, 1 })
        {
            int found = 0;
            for (int j = 1; found < k && j <= 12 * k; j++)
            {
                double u = Snap(v + side * j * Precision);
                if (!IsKept(u)) continue;
                total += CountAt(u);
                points++;
                found++;
            }
        }
        return (points > 0 ? total / points : double.NaN, total, points);
    }

    /// <summary>v rounded to the grid.</summary>
    public double Snap(double v) => Math.Round(Math.Round(v / Precision) * Precision, 10) + 0.0;

    /// <summary>
    /// The finest ladder grain whose own values (multiples of it that are not multiples of the next coarser grain) hold
    /// at least 1.3 times the readings their plain neighbours predict (z &gt; 5 on 5,000+ readings): clear
    /// digit preference, read from the central 96% of the values.
    /// </summary>
    private double FindHeapedGrain()
    {
        if (_sorted.Length < 500) return double.PositiveInfinity;
        double lo = Quantile(0.02), hi = Quantile(0.98);
        var ladder = Ladder().TakeWhile(g => g <= hi - lo).ToList();
        for (int i = 0; i < ladder.Count; i++)
        {
            double g = ladder[i], next = i + 1 < ladder.Count ? ladder[i + 1] : double.PositiveInfinity;
            double observed = 0, expected = 0;
            for (double v = Math.Ceiling(lo / g) * g; v <= hi; v += g)
            {
                double u = Snap(v);
                if (double.IsFinite(next) && IsMultiple(u, next)) continue;
                observed += CountAt(u);
                // Plain neighbours one and two grid steps away are never multiples of g (at least 5p).
                expected += (CountAt(Snap(u - Precision)) + CountAt(Snap(u + Precision)) + CountAt(Snap(u - 2 * Precision)) + CountAt(Snap(u + 2 * Precision))) / 4.0;
            }
            if (expected >= 20 && observed > 1.3 * expected && (observed - expected) / Math.Sqrt(expected) > 5) return g;
        }
        return double.PositiveInfinity;
    }

    private IEnumerable<double> Ladder()
    {
        for (double ten = Precision; ten < 1e12 * Precision; ten *= 10)
        {
            yield return Math.Round(5 * ten / Precision) * Precision;
            yield return Math.Round(10 * ten / Precision) * Precision;
        }
    }

    private bool IsMultiple(double v, double g)
    {
        double r = v / g;
        return Math.Abs(r - Math.Round(r)) < 1e-6 * Math.Max(1, Math.Abs(r));
    }

    private int LowerBound(double value)
    {
        int lo = 0, hi = _sorted.Length;
        while (lo < hi) { int mid = (lo + hi) >> 1; if (_sorted[mid] < value) lo = mid + 1; else hi = mid; }
        return lo;
    }
}
