using ClinicalGAM.Core.Diagnostics.Metrics;
using ClinicalGAM.Core.Modeling;

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

/// <summary>ROC curve of the test set: false-positive rate vs true-positive rate at every distinct threshold.</summary>
public sealed record RocCurve(double[] FalsePositiveRate, double[] TruePositiveRate);

