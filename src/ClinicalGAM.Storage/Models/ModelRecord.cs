namespace ClinicalGAM.Storage;

/// <summary>
/// A fitted model. Models with the same cohort and name form a lineage; each save is the next version, so a refit
/// never overwrites what a reviewer already saw.
/// </summary>
public sealed class ModelRecord : IProjectOwned
{
    public int Id { get; set; }
    /// <summary>The project it belongs to (see <see cref="ProjectScope"/>).</summary>
    public int ProjectId { get; set; }
    public int CohortId { get; set; }
    /// <summary>The lineage name, e.g. "SMM main model".</summary>
    public required string Name { get; set; }
    /// <summary>1, 2, 3 ... within (cohort, name).</summary>
    public int Version { get; set; }
    public required string Engine { get; set; }
    public required string Outcome { get; set; }
    /// <summary>The model as GamModelJson text (versioned format owned by Core.Serialization).</summary>
    public required string ModelJson { get; set; }
    /// <summary>Held-out metrics as JSON (AUC with CI, log loss, Brier, calibration ...), written by the web layer.</summary>
    public string? MetricsJson { get; set; }
    /// <summary>The ModelSpecification that produced the model, as JSON, so it can be re-run.</summary>
    public string? SpecJson { get; set; }
    /// <summary>Seed of the train/validation/test split.</summary>
    public int SplitSeed { get; set; }
    /// <summary>How the test rows were chosen, in words (e.g. "stratified 20% holdout, 4,000 rows").</summary>
    public string? TestRowsDescription { get; set; }
    public DateTime CreatedUtc { get; set; }
    public double FitSeconds { get; set; }

    public CohortRecord? Cohort { get; set; }
}
