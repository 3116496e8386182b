using ClinicalGAM.Core.Diagnostics.Metrics;
using ClinicalGAM.Core.Modeling.Operations;
using ClinicalGAM.Core.Modeling;
using ScottPlot;

namespace ClinicalGAM.Reporting.Plots;

/// <summary>Builds the ScottPlot figures of model performance: ROC, calibration, decision curve, term importances.</summary>
internal static class PerformancePlots
{
    public static Plot Roc(RocCurve roc, double auc)
    {
        var plot = new Plot();
        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.LinePattern = LinePattern.Dashed;
        chance.Color = Colors.Gray;
        chance.LegendText = "chance";
        var (fpr, tpr) = Thin(roc);
        var curve = plot.Add.ScatterLine(fpr, tpr, ShapePlots.Line);
        curve.LineWidth = 2;
        curve.LegendText = $"model (AUC {Report.Format.Number(auc, 3)})";
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.XLabel("1 − specificity (false-positive rate)");
        plot.YLabel("sensitivity (true-positive rate)");
        plot.Title("ROC curve (held-out rows)");
        plot.Legend.Alignment = Alignment.LowerRight;
        plot.ShowLegend();
        return plot;
    }

    /// <summary>
    /// Keeps a point only when it moves at least 1/1000 of the axis from the last kept one (and always the ends), so a
    /// million-row ROC curve stays a small SVG path that looks the same.
    /// </summary>
    internal static (double[] Fpr, double[] Tpr) Thin(RocCurve roc, double step = 0.001)
    {
        var fpr = new List<double> { roc.FalsePositiveRate[0] };
        var tpr = new List<double> { roc.TruePositiveRate[0] };
        int last = roc.FalsePositiveRate.Length - 1;
        for (int i = 1; i <= last; i++)
        {
            if (i < last && Math.Abs(roc.FalsePositiveRate[i] - fpr[^1]) < step && Math.Abs(roc.TruePositiveRate[i] - tpr[^1]) < step) continue;
            fpr.Add(roc.FalsePositiveRate[i]);
            tpr.Add(roc.TruePositiveRate[i]);
        }
        return (fpr.ToArray(), tpr.ToArray());
    }

    public static Plot Calibration(CalibrationCurve curve)
    {
        var plot = new Plot();
        double top = Math.Max(0.05, curve.Bins.Count == 0 ? 1
            : Math.Min(1, 1.1 * Math.Max(curve.Bins.Max(b => b.MeanPredicted), curve.Bins.Max(b => b.Observed))));
        var ideal = plot.Add.Line(0, 0, top, top);
        ideal.LinePattern = LinePattern.Dashed;
        ideal.Color = Colors.Gray;
        ideal.LegendText = "perfect calibration";
        var xs = curve.Bins.Select(b => b.MeanPredicted).ToArray();
        var ys = curve.Bins.Select(b => b.Observed).ToArray();
        // Binomial standard error of each bin's observed rate.
        var se = curve.Bins.Select(b => Math.Sqrt(Math.Max(b.Observed * (1 - b.Observed), 1e-12) / Math.Max(1, b.Count))).ToArray();
        var error = plot.Add.ErrorBar(xs, ys, se);
        error.Color = ShapePlots.Line;
        var points = plot.Add.Scatter(xs, ys, ShapePlots.Line);
        points.LegendText = $"observed vs predicted (deciles; slope {Report.Format.Number(curve.Slope, 2)}, intercept {Report.Format.Number(curve.Intercept, 2)})";
        plot.Axes.SetLimits(0, top, 0, top);
        plot.XLabel("mean predicted risk");
        plot.YLabel("observed event rate");
        plot.Title("Calibration (held-out rows)");
        plot.Legend.Alignment = Alignment.UpperLeft;
        plot.ShowLegend();
        return plot;
    }

    public static Plot DecisionCurve(IReadOnlyList<DecisionCurvePoint> points, double prevalence)
    {
        var plot = new Plot();
        var t = points.Select(p => p.Threshold).ToArray();
        var model = plot.Add.ScatterLine(t, points.Select(p => p.NetBenefit).ToArray(), ShapePlots.Line);
        model.LineWidth = 2;
        model.LegendText = "model";
        var all = plot.Add.ScatterLine(t, points.Select(p => p.TreatAll).ToArray(), Colors.DarkOrange);
        all.LegendText = "treat all";
        var none = plot.Add.ScatterLine(t, points.Select(p => p.TreatNone).ToArray(), Colors.Gray);
        none.LegendText = "treat none";
        double top = Math.Max(0.01, prevalence * 1.1);
        plot.Axes.SetLimits(0, t.Length == 0 ? 1 : t[^1], -top * 0.25, top);
        plot.XLabel("threshold probability");
        plot.YLabel("net benefit");
        plot.Title("Decision curve (held-out rows)");
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.ShowLegend();
        return plot;
    }

    public static Plot Importances(IReadOnlyList<TermImportance> importances)
    {
        var plot = new Plot();
        int n = importances.Count;
        var bars = new List<Bar>(n);
        var ticks = new Tick[n];
        for (int k = 0; k < n; k++)
        {
            // Most important at the top.
            double position = n - 1 - k;
            bars.Add(new Bar { Position = position, Value = importances[k].MeanAbsoluteScore, Size = 0.7,
                FillColor = importances[k].Features.Length == 2 ? Colors.DarkOrange : ShapePlots.Line });
            ticks[k] = new Tick(position, importances[k].Term);
        }
        var added = plot.Add.Bars(bars);
        added.Horizontal = true;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Margins(left: 0);
        plot.XLabel("importance: mean |score| over training patients (log-odds)");
        plot.Title("Term importance (orange = interaction)");
        return plot;
    }
}
