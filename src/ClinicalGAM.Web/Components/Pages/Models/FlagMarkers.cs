using System.Globalization;
using Plotly.Blazor.LayoutLib;

namespace ClinicalGAM.Web.Components.Pages.Models;

/// <summary>Marks Goodhart threshold flags on a shape plot: a dashed red line at the threshold with the jump and its CI.</summary>
public static class FlagMarkers
{
    public static void Add(PlotFigure figure, IReadOnlyList<FlagView> flags)
    {
        figure.Layout.Shapes ??= [];
        figure.Layout.Annotations ??= [];
        foreach (var f in flags.Where(f => !double.IsNaN(f.At)))
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
    }
}
