using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Web.Services;

/// <summary>What the cohort page shows: size, per-column profile, and the event rate of each binary column.</summary>
public sealed record CohortOverview(CohortEntry Entry, IReadOnlyList<ColumnProfile> Columns,
    IReadOnlyDictionary<string, double> BinaryPrevalence);
