using ClinicalGAM.Core.Diagnostics.Metrics;
using ClinicalGAM.Core.Modeling;
using RocCurve = ClinicalGAM.Reporting.Plots.RocCurve;

namespace ClinicalGAM.Web.Services;

/// <summary>Everything the model page draws, computed once per model.</summary>
public sealed record ModelView(
    ModelEntry Entry,
    CohortEntry? Cohort,
    IReadOnlyList<GamTerm> RankedTerms,
    RocCurve Roc,
    CalibrationCurve Calibration,
    HeldOut Test,
    IReadOnlyList<DecisionCurvePoint> DecisionCurve);

/// <summary>The held-out rows with their labels and predicted risks (what every test metric is computed from).</summary>
public sealed record HeldOut(int[] Rows, double[] Labels, double[] Risk);

