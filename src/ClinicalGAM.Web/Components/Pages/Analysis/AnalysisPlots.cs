using ClinicalGAM.Core.Diagnostics.Fairness;
using ClinicalGAM.Core.Diagnostics.MeasurementValue;
using ClinicalGAM.Web.Components.Pages.Models;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace ClinicalGAM.Web.Components.Pages.Analysis;

/// <summary>The cost frontier of measurement panels and the fairness trade-off curve, each with 95% CI bars.</summary>
public static class AnalysisPlots
{
    public static PlotFigure Frontier(MeasurementValueReport report, PlotStyle style)
    {
        var all = report.AllPanels;
        var front = report.Frontier;
        var traces = new List<ITrace>
        {
            new Scatter
            {
                Name = "panels tried (search fits)", Mode = ModeFlag.Markers, X = all.Select(p => (object)p.TotalCost).ToArray(), Y = all.Select(p => (object)p.Auc).ToArray(),
                TextArray = all.Select(Hover).ToArray(), HoverTemplate = "%{text}<extra></extra>", Marker = new Marker { Size = 6, Color = style.Grid.Replace("0.08", "0.35").Replace("0.12", "0.35") },
            },
            new Scatter
            {
                Name = "frontier (95% CI)", Mode = ModeFlag.Lines | ModeFlag.Markers,
                X = front.Select(p => (object)p.TotalCost).ToArray(), Y = front.Select(p => (object)p.Auc).ToArray(),
                ErrorY = new ErrorY
                {
                    Type = Plotly.Blazor.Traces.ScatterLib.ErrorYLib.TypeEnum.Data, Symmetric = false, Visible = true,
                    Array = front.Select(p => (object)(p.AucUpper - p.Auc)).ToArray(), ArrayMinus = front.Select(p => (object)(p.Auc - p.AucLower)).ToArray(),
                },
                TextArray = front.Select(Hover).ToArray(), HoverTemplate = "%{text}<extra></extra>",
                Line = new Line { Color = style.Accent, Width = 2, Shape = Plotly.Blazor.Traces.ScatterLib.LineLib.ShapeEnum.Hv }, Marker = new Marker { Size = 8, Color = style.Accent },
            },
            new Scatter
            {
                Name = $"95% of full AUC ({0.95 * report.FullAuc:0.000})", Mode = ModeFlag.Lines,
                X = [0.0, Math.Max(1, all.Count == 0 ? 1 : all.Max(p => p.TotalCost))], Y = [0.95 * report.FullAuc, 0.95 * report.FullAuc],
                Line = new Line { Dash = "dot", Color = style.Ink },
            },
        };
        return new PlotFigure(traces, PlotLayouts.Basic("Test AUC against total measurement cost", style, "total cost of the panel", "test AUC"));
    }

    public static PlotFigure TradeOff(FairnessReport report, PlotStyle style)
    {
        var c = report.TradeOff;
        object[] X() => c.Select(p => (object)p.Strength).ToArray();
        var traces = new List<ITrace>
        {
            new Scatter
            {
                Name = "demographic-parity difference", Mode = ModeFlag.Lines | ModeFlag.Markers, X = X(), Y = c.Select(p => (object)p.DemographicParity.Estimate).ToArray(),
                ErrorY = Bars(c.Select(p => p.DemographicParity)), Line = new Line { Color = "#8e24aa" },
                // Accuracy at each strength rides in the hover (a second axis would crowd the CI bars).
                TextArray = c.Select(p => $"test AUC {p.Auc:0.000} ({p.AucLower:0.000}–{p.AucUpper:0.000}), cost {p.AucCost.Estimate:+0.000;-0.000;0.000}").ToArray(),
                HoverTemplate = "strength %{x}<br>DP difference %{y:.3f}<br>%{text}<extra></extra>",
            },
            new Scatter
            {
                Name = "equalised-odds difference", Mode = ModeFlag.Lines | ModeFlag.Markers, X = X(), Y = c.Select(p => (object)p.EqualisedOdds.Estimate).ToArray(),
                ErrorY = Bars(c.Select(p => p.EqualisedOdds)), Line = new Line { Color = "#ef6c00" },
            },
            new Scatter
            {
                Name = "DP difference, randomised mixture", Mode = ModeFlag.Lines | ModeFlag.Markers, X = X(),
                Y = c.Select(p => (object)p.RandomisedDemographicParity.Estimate).ToArray(), Line = new Line { Color = "#8e24aa", Dash = "dot" },
            },
        };
        var layout = PlotLayouts.Basic($"Modified loss ({report.Constraint}): group differences against strength", style, "strength", "difference between groups");
        return new PlotFigure(traces, layout);
    }

    private static ErrorY Bars(IEnumerable<Difference> ds)
    {
        var list = ds.ToList();
        return new ErrorY
        {
            Type = Plotly.Blazor.Traces.ScatterLib.ErrorYLib.TypeEnum.Data, Symmetric = false, Visible = true,
            Array = list.Select(d => (object)Math.Max(0, d.Upper - d.Estimate)).ToArray(), ArrayMinus = list.Select(d => (object)Math.Max(0, d.Estimate - d.Lower)).ToArray(),
        };
    }

    private static string Hover(PanelPoint p) =>
        $"{p.Search}: {(p.Panel.Count == 0 ? "(no measurements)" : string.Join(", ", p.Panel))}<br>cost {p.TotalCost:0.##} · AUC {p.Auc:0.000} ({p.AucLower:0.000}–{p.AucUpper:0.000})";
}
