using ClinicalGAM.Core.Diagnostics.Metrics;

namespace ClinicalGAM.Core.Diagnostics.Validation;

/// <summary>
/// How a saved model performs on a cohort it was not fitted on: discrimination, calibration and accuracy over every
/// row with a known outcome. <see cref="ExcludedRows"/> counts rows whose outcome is missing (they cannot be scored
/// against anything).
/// </summary>
public sealed record ExternalValidationResult(
    int Rows,
    int Events,
    int ExcludedRows,
    AucInterval Auc,
    double LogLoss,
    double Brier,
    CalibrationCurve Calibration,
    double MeanPredictedRisk)
{
    /// <summary>Observed event rate among the scored rows.</summary>
    public double ObservedRate => Rows == 0 ? double.NaN : (double)Events / Rows;
}
