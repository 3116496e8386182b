namespace ClinicalGAM.Reporting.Report;

/// <summary>k-fold cross-validation of the specification on the training rows (internal validation), as the fit recorded it.</summary>
public sealed record ReportCrossValidation(int Folds, int Seed, IReadOnlyList<double> FoldAucs, double MeanAuc, double AucStandardDeviation);

/// <summary>The model applied unchanged (no refit) to another cohort (external validation), as recorded when it was run.</summary>
public sealed record ReportExternalValidation(
    string CohortName,
    DateTimeOffset RunUtc,
    int Rows,
    int Events,
    double Auc,
    double AucLower,
    double AucUpper,
    double CalibrationSlope,
    double CalibrationIntercept,
    double Brier,
    double LogLoss);

/// <summary>One line of a model's audit trail as the report lists it.</summary>
public sealed record ReportAuditEntry(DateTimeOffset WhenUtc, string Who, string From, string Action, string Detail);
