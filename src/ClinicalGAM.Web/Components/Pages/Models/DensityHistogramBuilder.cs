using System.Globalization;
using ClinicalGAM.Core.Diagnostics.Goodhart;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace ClinicalGAM.Web.Components.Pages.Models;

/// <summary>
/// The recorded values around a flagged cut as a small histogram (interactive Plotly): readings per recorded value in
/// the density test's bins, the cut marked, so a reviewer sees the bunching or the heap the test measured.
/// </summary>
public static class DensityHistogramBuilder
{
    /// <summary>True when the flag carries bins to draw.</summary>
    public static bool CanBuild(GoodhartFlag flag) => flag.Density is { BinCentres.Length: > 2 } d && d.BinLevels.Length == d.BinCentres.Length;

    public static PlotFigure Build(GoodhartFlag flag, PlotStyle style)
    {
        var d = flag.Density!;
        var keep = Enumerable.Range(0, d.BinCentres.Length).Where(i => double.IsFinite(d.BinCentres[i]) && double.IsFinite(d.BinLevels[i])).ToArray();
        string cut = d.At.ToString("G6", CultureInfo.InvariantCulture);
        var traces = new List<ITrace>
        {
            new Bar
            {
                Name = "readings per recorded value",
                X = keep.Select(i => (object)d.BinCentres[i]).ToArray(),
                Y = keep.Select(i => (object)d.BinLevels[i]).ToArray(),
                Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = keep.Select(i => (object)(d.BinCentres[i] < d.At ? style.Accent : "#c62828")).ToArray() },
                HoverTemplate = $"{flag.Feature} %{{x}}: %{{y:.1f}} readings per value<extra></extra>",
                ShowLegend = false,
            },
        };
        var layout = PlotLayouts.Basic($"{flag.Feature}: recorded values around {cut}", style, flag.Feature, "readings per value");
        layout.Shapes =
        [
            new Plotly.Blazor.LayoutLib.Shape
            {
                Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Line, XRef = "x", YRef = "paper", X0 = d.At, X1 = d.At, Y0 = 0m, Y1 = 1m,
                Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Color = style.Ink, Width = 1, Dash = "dash" },
            },
        ];
        return new PlotFigure(traces, layout);
    }
}
