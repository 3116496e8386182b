using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Web.Services;

/// <summary>What the cohort page shows: size, per-column profile, and the event rate of each binary column.</summary>
public sealed record CohortOverview(CohortEntry Entry, IReadOnlyList<ColumnProfile> Columns,
    IReadOnlyDictionary<string, double> BinaryPrevalence)
{
    /// <summary>Every column a fit can use: the uploaded ones plus the derived features (the profiles cover both).</summary>
    public int ColumnCount => Columns.Count;

    /// <summary>How many of <see cref="ColumnCount"/> are derived features (the stored count is of uploaded columns only).</summary>
    public int DerivedColumnCount => Math.Max(0, Columns.Count - Entry.Columns);
}
