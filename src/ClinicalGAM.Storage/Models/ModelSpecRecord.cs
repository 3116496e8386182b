namespace ClinicalGAM.Storage;

/// <summary>A saved model specification (JSON of ModelSpecification), re-runnable on another cohort.</summary>
public sealed class ModelSpecRecord : IProjectOwned
{
    public int Id { get; set; }
    /// <summary>The project it belongs to (see <see cref="ProjectScope"/>).</summary>
    public int ProjectId { get; set; }
    public required string Name { get; set; }
    public required string SpecJson { get; set; }
    /// <summary>The cohort it was written for, if any; the spec outlives the cohort.</summary>
    public int? CohortId { get; set; }
    public DateTime CreatedUtc { get; set; }

    public CohortRecord? Cohort { get; set; }
}
