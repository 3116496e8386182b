using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// Turns a cohort column into a FeatureBinning from the training rows: quantile cuts for numbers (midpoints between
/// distinct values when there are few), one bin per level for categories with rare levels sent to "other/unseen".
/// </summary>
internal static class FeatureBinner
{
    public static FeatureBinning Create(CohortColumn column, ReadOnlySpan<int> rows, int maxBins, int minCategorySamples,
        string[]? ordinalLevels = null)
    {
        return column switch
        {
            NumericColumn num when ordinalLevels is null => Continuous(num, rows, maxBins),
            NumericColumn num => Ordinal(CategoricalColumnOf(num), rows, ordinalLevels!),
            CategoricalColumn cat when ordinalLevels is not null => Ordinal(cat, rows, ordinalLevels),
            CategoricalColumn cat when IsNumberCodedBinary(cat) =>
                Continuous((NumericColumn)cat.WithKind(ColumnKind.Numeric), rows, maxBins),
            CategoricalColumn cat => Nominal(cat, rows, minCategorySamples),
            _ => throw new ArgumentException($"Column '{column.Name}' cannot be binned."),
        };
    }

    /// <summary>
    /// A two-valued column whose values are numbers (e.g. a 1/2 treatment code) is binned on its numeric values, as
    /// InterpretML's "auto" typing does for every all-numeric column: an ordered cut between the two values, not a
    /// nominal with its gain bonus. Only the inferred Binary kind qualifies; a column the user declared Categorical
    /// stays nominal.
    /// </summary>
    internal static bool IsNumberCodedBinary(CategoricalColumn column)
    {
        if (column.Kind != ColumnKind.Binary || column.Levels.Count == 0) return false;
        foreach (var level in column.Levels)
            if (!double.TryParse(level, System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                return false;
        return true;
    }

    private static CategoricalColumn CategoricalColumnOf(NumericColumn num) =>
        (CategoricalColumn)num.WithKind(ColumnKind.Categorical);

    /// <summary>
    /// Quantile cuts. A cut is placed just below the value at each quantile position (midway to the next lower
    /// distinct value), so heavy values are never split and a coarser binning with a divisor of maxBins uses a subset
    /// of the finer one's cuts (pairs rely on this when their parts are purified into the mains).
    /// </summary>
    public static FeatureBinning Continuous(NumericColumn column, ReadOnlySpan<int> rows, int maxBins)
    {
        var values = new double[rows.Length];
        int n = 0;
        foreach (int r in rows)
        {
            double v = column[r];
            if (!double.IsNaN(v)) values[n++] = v;
        }
        Array.Sort(values, 0, n);
        var sorted = values.AsSpan(0, n);
        if (n == 0)
            return new FeatureBinning { Feature = column.Name, Kind = BinningKind.Continuous };

        var distinct = new List<double>();
        for (int i = 0; i < n; i++)
            if (i == 0 || sorted[i] != sorted[i - 1]) distinct.Add(sorted[i]);

        var cuts = new List<double>();
        int maxCuts = Math.Max(1, maxBins - 1);
        if (distinct.Count - 1 <= maxCuts)
        {
            for (int i = 1; i < distinct.Count; i++) cuts.Add(Midpoint(distinct[i - 1], distinct[i]));
        }
        else
        {
            for (int k = 1; k <= maxCuts; k++)
            {
                long pos = (long)k * n / (maxCuts + 1);
                if (pos <= 0 || pos >= n) continue;
                double v = sorted[(int)pos];
                int d = distinct.BinarySearch(v);
                if (d <= 0) continue; // the lowest value: nothing below to cut from
                double cut = Midpoint(distinct[d - 1], v);
                if (cuts.Count == 0 || cut > cuts[^1]) cuts.Add(cut);
            }
        }
        return new FeatureBinning
        {
            Feature = column.Name,
            Kind = BinningKind.Continuous,
            Cuts = cuts.ToArray(),
            Min = sorted[0],
            Max = sorted[n - 1],
        };
    }

    private static double Midpoint(double lo, double hi)
    {
        double mid = lo + (hi - lo) / 2;
        // Guard against rounding onto the lower value: the cut must separate lo (below) from hi (at or above).
        return mid > lo && mid <= hi ? mid : hi;
    }

    public static FeatureBinning Nominal(CategoricalColumn column, ReadOnlySpan<int> rows, int minCategorySamples)
    {
        var counts = new int[column.Levels.Count];
        foreach (int r in rows)
        {
            int c = column[r];
            if (c >= 0) counts[c]++;
        }
        var levels = new List<string>();
        for (int l = 0; l < counts.Length; l++)
            if (counts[l] >= Math.Max(1, minCategorySamples)) levels.Add(column.Levels[l]);
        return new FeatureBinning { Feature = column.Name, Kind = BinningKind.Nominal, Levels = levels.ToArray() };
    }

    public static FeatureBinning Ordinal(CategoricalColumn column, ReadOnlySpan<int> rows, string[] order)
    {
        var known = new HashSet<string>(order, StringComparer.Ordinal);
        foreach (int r in rows)
        {
            string? level = column.LevelOf(r);
            if (level is not null && !known.Contains(level))
                throw new ArgumentException(
                    $"Feature '{column.Name}' is declared ordinal but level '{level}' is not in its declared order.");
        }
        return new FeatureBinning { Feature = column.Name, Kind = BinningKind.Ordinal, Levels = order.ToArray() };
    }

    /// <summary>Bins of the given rows (bin 0 = missing), as compact codes.</summary>
    public static ushort[] BinRows(FeatureBinning binning, CohortColumn column, ReadOnlySpan<int> rows)
    {
        if (binning.BinCount > ushort.MaxValue)
            throw new ArgumentException($"Feature '{binning.Feature}' has too many bins ({binning.BinCount}).");
        var bins = new ushort[rows.Length];
        switch (column)
        {
            case NumericColumn num:
                for (int i = 0; i < rows.Length; i++) bins[i] = (ushort)binning.BinOf(num[rows[i]]);
                break;
            case CategoricalColumn cat:
                var levelBins = new int[cat.Levels.Count];
                for (int l = 0; l < levelBins.Length; l++) levelBins[l] = binning.BinOf(cat.Levels[l]);
                for (int i = 0; i < rows.Length; i++)
                {
                    int c = cat[rows[i]];
                    bins[i] = (ushort)(c < 0 ? 0 : levelBins[c]);
                }
                break;
        }
        return bins;
    }
}
