namespace ClinicalGAM.Storage;

/// <summary>A saved model specification (JSON of ModelSpecification), re-runnable on another cohort.</summary>
public sealed class ModelSpecRecord
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string SpecJson { get; set; }
    /// <summary>The cohort it was written for, if any; the spec outlives the cohort.</summary>
    public int? CohortId { get; set; }
    public DateTime CreatedUtc { get; set; }

    public CohortRecord? Cohort { get; set; }
}
