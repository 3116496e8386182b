namespace ClinicalGAM.Storage;

/// <summary>
/// A saved model scored on another cohort without refitting (external validation). Kept as history: validating again
/// appends a new row, so a reviewer sees every cohort the model was tried on.
/// </summary>
public sealed class ExternalValidationRecord : IProjectOwned
{
    public int Id { get; set; }
    /// <summary>The project it belongs to (see <see cref="ProjectScope"/>).</summary>
    public int ProjectId { get; set; }
    public int ModelId { get; set; }
    /// <summary>The cohort scored; null once that cohort was deleted (the result outlives it).</summary>
    public int? CohortId { get; set; }
    /// <summary>The cohort's name when validated, shown even after it is deleted.</summary>
    public required string CohortName { get; set; }
    public DateTime RunUtc { get; set; }
    public int Rows { get; set; }
    public int Events { get; set; }
    /// <summary>Rows left out because their outcome is missing.</summary>
    public int ExcludedRows { get; set; }
    public double? Auc { get; set; }
    public double? AucLow { get; set; }
    public double? AucHigh { get; set; }
    public double? LogLoss { get; set; }
    public double? Brier { get; set; }
    public double? CalibrationSlope { get; set; }
    public double? CalibrationIntercept { get; set; }
    /// <summary>The calibration bins (mean predicted, observed, count ...) as JSON, so the plot can be redrawn.</summary>
    public string? CalibrationJson { get; set; }

    public ModelRecord? Model { get; set; }
    public CohortRecord? Cohort { get; set; }
}
