using System.Globalization;

namespace ClinicalGAM.Core.Modeling;

public enum BinningKind
{
    /// <summary>Numeric values cut at ascending thresholds.</summary>
    Continuous,
    /// <summary>Unordered labels, one bin each.</summary>
    Nominal,
    /// <summary>Ordered labels, one bin each in the declared order.</summary>
    Ordinal,
}

/// <summary>
/// How one feature's raw values map to bins. Bin 0 always holds missing values. Continuous: bin 1 + (number of cuts
/// &lt;= value), so intervals are [cut[i-1], cut[i]) and there are Cuts.Length + 1 of them. Nominal/ordinal: bin 1 + level
/// index, and a last bin for levels never seen in training (grouped rare levels land there too).
/// </summary>
public sealed record FeatureBinning
{
    public required string Feature { get; init; }
    public required BinningKind Kind { get; init; }
    public double[] Cuts { get; init; } = [];
    public string[] Levels { get; init; } = [];

    /// <summary>Observed range of the training values (for plotting the outer bins); NaN when unknown.</summary>
    public double Min { get; init; } = double.NaN;
    public double Max { get; init; } = double.NaN;

    public int BinCount => Kind == BinningKind.Continuous ? Cuts.Length + 2 : Levels.Length + 2;
    public int UnseenBin => Kind == BinningKind.Continuous ? -1 : Levels.Length + 1;

    public int BinOf(double value)
    {
        if (double.IsNaN(value)) return 0;
        if (Kind != BinningKind.Continuous)
            return BinOf(value.ToString("R", CultureInfo.InvariantCulture));
        // Upper-bound search: number of cuts <= value.
        int lo = 0, hi = Cuts.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Cuts[mid] <= value) lo = mid + 1; else hi = mid;
        }
        return 1 + lo;
    }

    public int BinOf(string? level)
    {
        if (level is null) return 0;
        if (Kind == BinningKind.Continuous)
            return double.TryParse(level, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? BinOf(v) : 0;
        int i = Array.IndexOf(Levels, level);
        return i >= 0 ? i + 1 : UnseenBin;
    }

    /// <summary>A readable label for a bin: "missing", "[7, 7.5)", "caesarean", "unseen".</summary>
    public string BinLabel(int bin)
    {
        if (bin == 0) return "missing";
        if (Kind != BinningKind.Continuous) return bin == UnseenBin ? "other/unseen" : Levels[bin - 1];
        var (lo, hi) = BinRange(bin);
        return $"[{lo.ToString("G6", CultureInfo.InvariantCulture)}, {hi.ToString("G6", CultureInfo.InvariantCulture)})";
    }

    /// <summary>Lower and upper edge of a continuous bin (outer bins use the observed min/max, else infinity).</summary>
    public (double Lower, double Upper) BinRange(int bin)
    {
        if (Kind != BinningKind.Continuous || bin == 0) return (double.NaN, double.NaN);
        int i = bin - 1;
        double lower = i == 0 ? (double.IsNaN(Min) ? double.NegativeInfinity : Math.Min(Min, Cuts.Length > 0 ? Cuts[0] : Min)) : Cuts[i - 1];
        double upper = i == Cuts.Length ? (double.IsNaN(Max) ? double.PositiveInfinity : Math.Max(Max, Cuts.Length > 0 ? Cuts[^1] : Max)) : Cuts[i];
        return (lower, upper);
    }
}
