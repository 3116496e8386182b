using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Web.Services;

/// <summary>One row of the cohort profile table (what the data helper's ColumnProfile reports, shaped for the page).</summary>
public sealed record ColumnSummary
{
    public required string Name { get; init; }
    public required ColumnKind Kind { get; init; }
    public int RowCount { get; init; }
    public int MissingCount { get; init; }
    public double MissingFraction => RowCount == 0 ? 0 : (double)MissingCount / RowCount;
    public int DistinctCount { get; init; }
    public double Min { get; init; } = double.NaN;
    public double Median { get; init; } = double.NaN;
    public double Max { get; init; } = double.NaN;
    public double[] HistogramEdges { get; init; } = [];
    public long[] HistogramCounts { get; init; } = [];
    public (string Level, long Count)[] TopLevels { get; init; } = [];
}

/// <summary>What the cohort page shows: size, per-column profile, and the event rate of each binary column.</summary>
public sealed record CohortOverview(CohortEntry Entry, IReadOnlyList<ColumnSummary> Columns,
    IReadOnlyDictionary<string, double> BinaryPrevalence);
