using ClinicalGAM.Core.Diagnostics.Metrics;

namespace ClinicalGAM.Core.Modeling.Editing;

/// <summary>
/// What a reviewer checks after each edit, on one set of held-out rows: discrimination (AUC with its DeLong 95% CI),
/// accuracy (log loss, Brier), calibration (slope and intercept) and the confusion counts at a chosen risk threshold.
/// Metrics that a set cannot support (one class only, too few rows) are NaN and shown as "–".
/// </summary>
public sealed record MetricSet(int Rows, int Events, AucInterval Auc, double LogLoss, double Brier,
    double CalibrationSlope, double CalibrationIntercept, double Threshold, double Sensitivity, double Specificity, double Ppv)
{
    public static MetricSet Of(ReadOnlySpan<double> labels, ReadOnlySpan<double> risk, double threshold)
    {
        int n = labels.Length, events = 0;
        foreach (var y in labels) if (y == 1) events++;
        if (n == 0)
            return new MetricSet(0, 0, new AucInterval(double.NaN, double.NaN, double.NaN, double.NaN, 0.95), double.NaN, double.NaN,
                double.NaN, double.NaN, threshold, double.NaN, double.NaN, double.NaN);
        var auc = BinaryMetrics.RocAucConfidenceInterval(labels, risk);
        double slope = double.NaN, intercept = double.NaN;
        if (events > 0 && events < n)
        {
            var calibration = CalibrationCurve.Compute(labels, risk);
            (slope, intercept) = (calibration.Slope, calibration.Intercept);
        }
        int tp = 0, fp = 0, fn = 0, tn = 0;
        for (int i = 0; i < n; i++)
        {
            bool flagged = risk[i] >= threshold, sick = labels[i] == 1;
            if (flagged && sick) tp++; else if (flagged) fp++; else if (sick) fn++; else tn++;
        }
        return new MetricSet(n, events, auc, BinaryMetrics.LogLoss(labels, risk), BinaryMetrics.Brier(labels, risk), slope, intercept,
            threshold, Ratio(tp, tp + fn), Ratio(tn, tn + fp), Ratio(tp, tp + fp));
    }

    private static double Ratio(int a, int b) => b > 0 ? (double)a / b : double.NaN;
}
