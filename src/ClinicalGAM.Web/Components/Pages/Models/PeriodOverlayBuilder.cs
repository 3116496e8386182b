using System.Globalization;
using ClinicalGAM.Core.Diagnostics.Goodhart;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace ClinicalGAM.Web.Components.Pages.Models;

/// <summary>
/// A temporal flag's per-period shapes drawn over each other (interactive Plotly): each period a line with its 95%
/// band, and the range the flag says changed shaded, so the before/after difference is read where it happened.
/// </summary>
public static class PeriodOverlayBuilder
{
    private static readonly string[] Colours = ["#6a1b9a", "#ef6c00", "#2e7d32", "#ad1457"];
    private static readonly string[] Fills = ["rgba(106,27,154,0.15)", "rgba(239,108,0,0.15)", "rgba(46,125,50,0.15)", "rgba(173,20,87,0.15)"];

    public static PlotFigure Build(GoodhartFlag flag, PlotStyle style)
    {
        var traces = new List<ITrace>();
        var periods = flag.Periods ?? [];
        for (int k = 0; k < periods.Count; k++)
        {
            var p = periods[k];
            var idx = Enumerable.Range(0, p.X.Length).Where(i => double.IsFinite(p.X[i]) && double.IsFinite(p.Score[i])).ToArray();
            object[] X() => idx.Select(i => (object)p.X[i]).ToArray();
            double Se(int i) => double.IsFinite(p.StandardError[i]) ? p.StandardError[i] : 0;
            traces.Add(new Scatter
            {
                Name = $"{p.Label} lower", X = X(), Y = idx.Select(i => (object)(p.Score[i] - 1.96 * Se(i))).ToArray(),
                Mode = ModeFlag.Lines, ShowLegend = false, Line = new Line { Width = 0 }, HoverInfo = HoverInfoFlag.Skip,
            });
            traces.Add(new Scatter
            {
                Name = $"{p.Label}: 95% band", X = X(), Y = idx.Select(i => (object)(p.Score[i] + 1.96 * Se(i))).ToArray(),
                Mode = ModeFlag.Lines, Fill = FillEnum.ToNextY, FillColor = Fills[k % Fills.Length], ShowLegend = false,
                Line = new Line { Width = 0 }, HoverInfo = HoverInfoFlag.Skip,
            });
            traces.Add(new Scatter
            {
                Name = $"{p.Label} ({p.Rows:N0} rows)", X = X(), Y = idx.Select(i => (object)p.Score[i]).ToArray(),
                Mode = ModeFlag.Lines | ModeFlag.Markers, Line = new Line { Color = Colours[k % Colours.Length], Width = 2 },
                HoverTemplate = $"{p.Label}<br>{flag.Feature} %{{x}}: %{{y:+.2f}}<extra></extra>",
            });
        }
        var layout = PlotLayouts.Basic($"{flag.Feature}: shape before and after {flag.At.ToString("G6", CultureInfo.InvariantCulture)}",
            style, flag.Feature, style.YTitle);
        if (double.IsFinite(flag.RangeLow) && double.IsFinite(flag.RangeHigh))
        {
            layout.Shapes = [new Shape
            {
                Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Rect, XRef = "x", YRef = "paper",
                X0 = flag.RangeLow, X1 = flag.RangeHigh, Y0 = 0m, Y1 = 1m, FillColor = "rgba(198,40,40,0.10)",
                Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Width = 0 }, Layer = Plotly.Blazor.LayoutLib.ShapeLib.LayerEnum.Below,
            }];
        }
        return new PlotFigure(traces, layout);
    }
}
