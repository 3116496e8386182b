namespace ClinicalGAM.Core.Modeling.Editing;

/// <summary>
/// The cells of one term an edit acts on, in the term's bin order (for a pair, row-major cells of a rectangle).
/// Made from bin numbers, from typed value bounds, or from category names, so a drag on the plot, a typed range and
/// the command line all land on the same cells.
/// </summary>
public sealed record CellSelection(string Term, int[] Cells)
{
    /// <summary>Every bin with data or a level, except missing and unseen (the usual "whole shape").</summary>
    public static CellSelection Observed(GamTerm term)
    {
        if (term.IsInteraction) return Rectangle(term, 1, term.Binnings[0].BinCount - 1, 1, term.Binnings[1].BinCount - 1);
        return Bins(term, 1, LastOrdered(term.Binnings[0]));
    }

    /// <summary>Bins first..last inclusive of a main effect (0 is the missing bin).</summary>
    public static CellSelection Bins(GamTerm term, int first, int last)
    {
        if (term.IsInteraction) throw new ArgumentException($"Term '{term.Name}' is a pair: select a rectangle of cells.");
        int count = term.Scores.Length;
        if (first < 0 || last >= count || first > last)
            throw new ArgumentOutOfRangeException(nameof(first), $"Bins {first}..{last} are not within term '{term.Name}' (0..{count - 1}).");
        return new CellSelection(term.Name, Enumerable.Range(first, last - first + 1).ToArray());
    }

    /// <summary>
    /// The continuous bins whose interval overlaps [low, high): "160 to 170" is the bin [160, 170), not also the bin
    /// that starts at 170, as bins are closed below. The missing bin never: a range of values holds no missing values.
    /// </summary>
    public static CellSelection ValueRange(GamTerm term, double low, double high)
    {
        var binning = SingleContinuous(term);
        if (double.IsNaN(low) || double.IsNaN(high) || low > high)
            throw new ArgumentException($"The range {low}:{high} is not a range (low must not exceed high).");
        var cells = new List<int>();
        for (int bin = 1; bin < binning.BinCount; bin++)
        {
            var (lower, upper) = binning.BinRange(bin);
            bool overlaps = lower < high && upper > low || (lower == upper && lower >= low && lower < high);
            if (overlaps) cells.Add(bin);
        }
        if (cells.Count == 0)
            throw new ArgumentException($"No bin of '{term.Name}' lies within {low}:{high}.");
        return new CellSelection(term.Name, cells.ToArray());
    }

    /// <summary>Categorical levels by name (the missing bin as "missing", unseen levels as "unseen").</summary>
    public static CellSelection Levels(GamTerm term, IEnumerable<string> levels)
    {
        if (term.IsInteraction || term.Binnings[0].Kind == BinningKind.Continuous)
            throw new ArgumentException($"Term '{term.Name}' has no categories to pick by name.");
        var binning = term.Binnings[0];
        var cells = new SortedSet<int>();
        foreach (var level in levels)
        {
            int bin = level switch
            {
                "missing" => 0,
                "unseen" => binning.UnseenBin,
                _ => Array.IndexOf(binning.Levels, level) is var i and >= 0 ? i + 1
                    : throw new ArgumentException($"'{term.Name}' has no level '{level}'. Levels: {string.Join(", ", binning.Levels)}."),
            };
            cells.Add(bin);
        }
        if (cells.Count == 0) throw new ArgumentException("Select at least one level.");
        return new CellSelection(term.Name, cells.ToArray());
    }

    /// <summary>Cells of a pair: bins a0..a1 of its first feature by b0..b1 of its second, inclusive.</summary>
    public static CellSelection Rectangle(GamTerm term, int a0, int a1, int b0, int b1)
    {
        if (!term.IsInteraction) throw new ArgumentException($"Term '{term.Name}' is a main effect: select bins.");
        int na = term.Binnings[0].BinCount, nb = term.Binnings[1].BinCount;
        if (a0 < 0 || a1 >= na || a0 > a1 || b0 < 0 || b1 >= nb || b0 > b1)
            throw new ArgumentOutOfRangeException(nameof(a0), $"Cells {a0}..{a1} × {b0}..{b1} are not within term '{term.Name}' ({na} × {nb}).");
        var cells = new List<int>();
        for (int i = a0; i <= a1; i++)
            for (int j = b0; j <= b1; j++) cells.Add(term.CellOf([i, j]));
        return new CellSelection(term.Name, cells.ToArray());
    }

    /// <summary>Whether the cells form one run of ordered bins (no missing or unseen bin, no gaps).</summary>
    public bool IsOrderedRun(GamTerm term)
    {
        if (term.IsInteraction || term.Binnings[0].Kind == BinningKind.Nominal) return false;
        int last = LastOrdered(term.Binnings[0]);
        for (int k = 0; k < Cells.Length; k++)
        {
            if (Cells[k] < 1 || Cells[k] > last) return false;
            if (k > 0 && Cells[k] != Cells[k - 1] + 1) return false;
        }
        return Cells.Length > 0;
    }

    // Continuous: bins 1..cuts+1; ordinal: levels 1..L (the unseen bin L+1 has no place in the order).
    internal static int LastOrdered(FeatureBinning binning) =>
        binning.Kind == BinningKind.Continuous ? binning.BinCount - 1 : binning.BinCount - 2;

    private static FeatureBinning SingleContinuous(GamTerm term)
    {
        if (term.IsInteraction || term.Binnings[0].Kind != BinningKind.Continuous)
            throw new ArgumentException($"Term '{term.Name}' is not a continuous main effect: pick bins or levels instead of values.");
        return term.Binnings[0];
    }
}
