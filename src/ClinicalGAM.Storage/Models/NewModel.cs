namespace ClinicalGAM.Storage;

/// <summary>What ModelStore.SaveAsync needs; the version is assigned by the store.</summary>
public sealed record NewModel
{
    public required int CohortId { get; init; }
    /// <summary>Lineage name: saving again under the same cohort and name makes the next version.</summary>
    public required string Name { get; init; }
    public required string Engine { get; init; }
    public required string Outcome { get; init; }
    /// <summary>GamModelJson text.</summary>
    public required string ModelJson { get; init; }
    public string? MetricsJson { get; init; }
    public string? SpecJson { get; init; }
    public int SplitSeed { get; init; }
    public string? TestRowsDescription { get; init; }
    public double FitSeconds { get; init; }
}
