namespace ClinicalGAM.Storage;

/// <summary>A user-defined column computed from others by a formula (e.g. "baby_weight_g / maternal_height_cm").</summary>
public sealed class DerivedFeatureRecord
{
    public int Id { get; set; }
    public int CohortId { get; set; }
    public required string Name { get; set; }
    public required string Formula { get; set; }
    public string? Description { get; set; }
    public DateTime CreatedUtc { get; set; }

    public CohortRecord? Cohort { get; set; }
}
