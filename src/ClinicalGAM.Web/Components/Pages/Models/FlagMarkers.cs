using System.Globalization;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace ClinicalGAM.Web.Components.Pages.Models;

/// <summary>
/// Marks Goodhart flags on a shape plot: a threshold flag as a dashed red line at the threshold with the jump and its
/// CI; a temporal drift flag as one dashed curve per calendar period over the shape, so the fading effect is seen
/// where the reader already looks.
/// </summary>
public static class FlagMarkers
{
    /// <summary>Dash patterns for successive periods (the first period solid-ish, later ones sparser).</summary>
    private static readonly string[] PeriodDashes = ["dot", "dash", "dashdot", "longdash"];
    private static readonly string[] PeriodColours = ["#6a1b9a", "#ef6c00", "#2e7d32", "#ad1457"];

    public static void Add(PlotFigure figure, IReadOnlyList<FlagView> flags, PlotStyle? style = null)
    {
        style ??= new PlotStyle();
        figure.Layout.Shapes ??= [];
        figure.Layout.Annotations ??= [];
        foreach (var f in flags.Where(f => f.IsThreshold && !double.IsNaN(f.At)))
        {
            figure.Layout.Shapes.Add(new Shape
            {
                Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Line, XRef = "x", YRef = "paper",
                X0 = f.At, X1 = f.At, Y0 = 0.3m, Y1 = 1m,
                Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Color = "#c62828", Dash = "dash", Width = 2 },
            });
            figure.Layout.Annotations.Add(new Annotation
            {
                XRef = "x", YRef = "paper", X = f.At, Y = 0.98m, ShowArrow = false, XAnchor = Plotly.Blazor.LayoutLib.AnnotationLib.XAnchorEnum.Left,
                Text = string.Create(CultureInfo.InvariantCulture, $"⚑ {f.At:G4}: jump {f.Effect:+0.00;-0.00} ({f.EffectLow:0.00} to {f.EffectHigh:0.00})"),
                Font = new Plotly.Blazor.LayoutLib.AnnotationLib.Font { Color = "#c62828", Size = 11 },
            });
        }
        foreach (var f in flags.Where(f => f.HasPeriods))
            AddPeriods(figure, f, style);
    }

    private static void AddPeriods(PlotFigure figure, FlagView flag, PlotStyle style)
    {
        var periods = flag.Detail!.Periods!;
        for (int k = 0; k < periods.Count; k++)
        {
            var p = periods[k];
            var hover = p.X.Select((x, i) => string.Create(CultureInfo.InvariantCulture,
                $"{p.Label}: x {x:G4}<br>score {p.Score[i]:0.000} ± {p.StandardError[i]:0.000} (se)")).ToArray();
            figure.Data.Add(new Scatter
            {
                Name = $"{p.Label} (n = {p.Rows:N0}) ⚑ drift",
                LegendGroup = "goodhart-periods",
                X = p.X.Cast<object>().ToArray(),
                Y = p.Score.Select(s => (object)style.Y(s)).ToArray(),
                Mode = ModeFlag.Lines,
                TextArray = hover,
                HoverTemplate = "%{text}<extra></extra>",
                Line = new Line { Color = PeriodColours[k % PeriodColours.Length], Dash = PeriodDashes[k % PeriodDashes.Length], Width = 2 },
            });
        }
    }
}
