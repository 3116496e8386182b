namespace ClinicalGAM.Storage;

/// <summary>A model as lists show it: everything but the (large) model JSON.</summary>
public sealed record ModelSummary(
    int Id,
    int CohortId,
    string Name,
    int Version,
    string Engine,
    string Outcome,
    DateTime CreatedUtc,
    double FitSeconds,
    int SplitSeed,
    string? TestRowsDescription,
    string? MetricsJson)
{
    /// <summary>"SMM main model v3".</summary>
    public string DisplayName => $"{Name} v{Version}";
}
