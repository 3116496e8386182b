namespace ClinicalGAM.Core.Data;

/// <summary>What a clinician checks first about a column: type, completeness, spread, the commonest values.</summary>
public sealed record ColumnProfile
{
    public required string Name { get; init; }
    public required ColumnKind Kind { get; init; }
    public int RowCount { get; init; }
    public int MissingCount { get; init; }
    public double MissingFraction { get; init; }
    public int DistinctCount { get; init; }
    /// <summary>Numeric summaries (numeric, binary, date columns); NaN for text columns or when all values are missing.</summary>
    public double Min { get; init; } = double.NaN;
    public double Median { get; init; } = double.NaN;
    public double Max { get; init; } = double.NaN;
    public double Mean { get; init; } = double.NaN;
    /// <summary>Equal-width histogram over [Min, Max]: Edges has one more entry than Counts. Empty for text columns.</summary>
    public double[] HistogramEdges { get; init; } = [];
    public long[] HistogramCounts { get; init; } = [];
    /// <summary>Commonest values, largest count first (at most 20); for numeric columns only when they have few values.</summary>
    public (string Level, long Count)[] TopLevels { get; init; } = [];
}
