namespace ClinicalGAM.Storage;

/// <summary>What to store for one external validation (see <see cref="ExternalValidationRecord"/>). NaN metrics are stored as null.</summary>
public sealed record NewExternalValidation
{
    public required int ModelId { get; init; }
    public required int CohortId { get; init; }
    public required int Rows { get; init; }
    public required int Events { get; init; }
    public int ExcludedRows { get; init; }
    public double Auc { get; init; } = double.NaN;
    public double AucLow { get; init; } = double.NaN;
    public double AucHigh { get; init; } = double.NaN;
    public double LogLoss { get; init; } = double.NaN;
    public double Brier { get; init; } = double.NaN;
    public double CalibrationSlope { get; init; } = double.NaN;
    public double CalibrationIntercept { get; init; } = double.NaN;
    public string? CalibrationJson { get; init; }
}
