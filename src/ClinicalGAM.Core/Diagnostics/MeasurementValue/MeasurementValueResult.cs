namespace ClinicalGAM.Core.Diagnostics.MeasurementValue;

/// <summary>
/// What one measurement is worth to the model. Differences are (without it) minus (full): a negative ΔAUC is a loss.
/// NoRefit: the full model with its terms removed, on the test rows. Refit: cross-fitted out-of-fold predictions on
/// the training rows (the test rows stay untouched).
/// </summary>
public sealed record MeasurementWorth(
    string Feature, double Cost, double Importance,
    Difference AucDropNoRefit, Difference LogLossDropNoRefit,
    Difference AucDropRefit, Difference LogLossDropRefit,
    MissingnessValue Missingness);

/// <summary>
/// Whether the decision to measure carries information: share of rows not measured, the outcome rate in measured and
/// unmeasured training rows, and the model's log-odds for "not measured" against the average measured patient.
/// </summary>
public sealed record MissingnessValue(double MissingShare, double OutcomeRateMeasured, double OutcomeRateMissing, double MissingBinLogOdds);

/// <summary>
/// A panel of measurements evaluated on the held-out test rows (AUC with its DeLong 95% CI). Refitted: a FastRefit on
/// all training rows (the frontier); otherwise the quicker search fit on the search's inner training rows.
/// </summary>
public sealed record PanelPoint(string Search, IReadOnlyList<string> Panel, double TotalCost, double Auc, double AucLower, double AucUpper,
    bool Refitted = true);

public sealed record MeasurementValueReport(
    string Outcome, int Seed, int TrainRows, int TestRows, string RefitConfiguration, int CrossFitFolds,
    double FullAuc, double FullAucLower, double FullAucUpper, double FullLogLoss,
    IReadOnlyList<MeasurementWorth> Measurements,
    IReadOnlyList<PanelPoint> Frontier,
    IReadOnlyList<PanelPoint> AllPanels,
    PanelPoint? CheapestNear95,
    PanelPoint? BestWithinBudget,
    double? Budget);
