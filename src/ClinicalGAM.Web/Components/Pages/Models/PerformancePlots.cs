using ClinicalGAM.Core.Diagnostics.Metrics;
using ClinicalGAM.Core.Modeling;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using RocCurve = ClinicalGAM.Reporting.Plots.RocCurve;

namespace ClinicalGAM.Web.Components.Pages.Models;

/// <summary>Test-set ROC curve and calibration plot (binned observed vs mean predicted risk).</summary>
public static class PerformancePlots
{
    public static PlotFigure Roc(RocCurve roc, double auc, PlotStyle style)
    {
        var traces = new List<ITrace>
        {
            new Scatter
            {
                Name = "chance", X = [0.0, 1.0], Y = [0.0, 1.0], Mode = ModeFlag.Lines,
                Line = new Line { Dash = "dot", Color = style.Grid.Replace("0.08", "0.4").Replace("0.12", "0.4") },
            },
            new Scatter
            {
                Name = $"test ROC (AUC {auc:0.000})", X = roc.FalsePositiveRate.Cast<object>().ToArray(),
                Y = roc.TruePositiveRate.Cast<object>().ToArray(), Mode = ModeFlag.Lines,
                Line = new Line { Color = style.Accent, Width = 2 },
            },
        };
        var layout = PlotLayouts.Basic("ROC curve", style, "1 − specificity (false-positive rate)", "sensitivity");
        return new PlotFigure(traces, layout);
    }

    public static PlotFigure Calibration(CalibrationCurve curve, PlotStyle style)
    {
        var bins = curve.Bins.Where(b => b.Count > 0).ToList();
        double max = bins.Count == 0 ? 1 : Math.Min(1, 1.1 * bins.Max(b => Math.Max(b.MeanPredicted, b.Observed)));
        var traces = new List<ITrace>
        {
            new Scatter { Name = "perfect calibration", X = [0.0, max], Y = [0.0, max], Mode = ModeFlag.Lines, Line = new Line { Dash = "dot", Color = style.Ink } },
            new Scatter
            {
                Name = $"deciles (slope {curve.Slope:0.00}, intercept {curve.Intercept:0.00})", Mode = ModeFlag.Lines | ModeFlag.Markers,
                X = bins.Select(b => (object)b.MeanPredicted).ToArray(), Y = bins.Select(b => (object)b.Observed).ToArray(),
                TextArray = bins.Select(b => $"n = {b.Count:N0}").ToArray(),
                HoverTemplate = "predicted %{x:.3f}<br>observed %{y:.3f}<br>%{text}<extra></extra>",
                Line = new Line { Color = style.Accent }, Marker = new Marker { Size = 7, Color = style.Accent },
            },
        };
        return new PlotFigure(traces, PlotLayouts.Basic("Calibration", style, "mean predicted risk", "observed event rate"));
    }

    /// <summary>Decision curve: net benefit of treating by the model vs treat-all and treat-none, up to a clinical threshold range.</summary>
    public static PlotFigure DecisionCurve(IReadOnlyList<DecisionCurvePoint> points, PlotStyle style)
    {
        object[] X() => points.Select(p => (object)p.Threshold).ToArray();
        double floor = -0.05 * Math.Max(0.01, points.Count == 0 ? 0.01 : points.Max(p => p.TreatAll));
        var traces = new List<ITrace>
        {
            new Scatter { Name = "treat none", X = X(), Y = points.Select(p => (object)p.TreatNone).ToArray(), Mode = ModeFlag.Lines, Line = new Line { Color = style.Ink, Dash = "dot" } },
            new Scatter { Name = "treat all", X = X(), Y = points.Select(p => (object)Math.Max(floor, p.TreatAll)).ToArray(), Mode = ModeFlag.Lines, Line = new Line { Color = "#8e24aa", Dash = "dash" } },
            new Scatter { Name = "model", X = X(), Y = points.Select(p => (object)Math.Max(floor, p.NetBenefit)).ToArray(), Mode = ModeFlag.Lines, Line = new Line { Color = style.Accent, Width = 2 } },
        };
        var layout = PlotLayouts.Basic("Decision curve", style, "threshold probability", "net benefit");
        return new PlotFigure(traces, layout);
    }

    /// <summary>Horizontal bars of term importance (mean |score|), largest at the top.</summary>
    public static PlotFigure Importance(IReadOnlyList<GamTerm> ranked, PlotStyle style)
    {
        var ordered = ranked.Reverse().ToArray();
        var bar = new Bar
        {
            Name = "importance (mean |score|)", Orientation = Plotly.Blazor.Traces.BarLib.OrientationEnum.H,
            X = ordered.Select(t => (object)t.Importance()).ToArray(), Y = ordered.Select(t => (object)t.Name).ToArray(),
            Marker = new Plotly.Blazor.Traces.BarLib.Marker
            {
                ColorArray = ordered.Select(t => (object)(t.IsInteraction ? "#8e24aa" : style.Accent)).ToArray(),
            },
            HoverTemplate = "%{y}: %{x:.4f}<extra>click to open</extra>",
        };
        var layout = PlotLayouts.Basic("Term importance", style, "mean |score| (log-odds)", "");
        layout.Height = Math.Max(220, 24 * ordered.Length + 80);
        layout.Margin!.L = 180;
        layout.ShowLegend = false;
        return new PlotFigure(new List<ITrace> { bar }, layout);
    }
}
