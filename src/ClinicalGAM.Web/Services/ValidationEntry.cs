using ClinicalGAM.Core.Diagnostics.Metrics;

namespace ClinicalGAM.Web.Services;

/// <summary>
/// A saved model scored on another cohort without refitting, as stored: sample size, discrimination, calibration (with
/// its bins, for the plot) and accuracy. NaN where a metric was not available.
/// </summary>
public sealed record ValidationEntry(
    int Id,
    int ModelId,
    int? CohortId,
    string CohortName,
    DateTimeOffset RunUtc,
    int Rows,
    int Events,
    int ExcludedRows,
    double Auc,
    double AucLow,
    double AucHigh,
    double LogLoss,
    double Brier,
    double CalibrationSlope,
    double CalibrationIntercept,
    IReadOnlyList<CalibrationBin> CalibrationBins)
{
    /// <summary>The calibration curve as the plots draw it.</summary>
    public CalibrationCurve Calibration => new(CalibrationBins, CalibrationSlope, CalibrationIntercept);
}
