using ClinicalGAM.Core.Modeling;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace ClinicalGAM.Web.Components.Pages.Models;

/// <summary>
/// One term of two models overlaid: continuous terms as two step lines, each with its own ±1 sd band across bags (each
/// model keeps its own bin edges); categorical terms as grouped bars with error bars.
/// </summary>
public static class CompareShapeBuilder
{
    public static readonly string[] Colours = ["#1565c0", "#e65100"];
    public static readonly string[] BandFills = ["rgba(21,101,192,0.18)", "rgba(230,81,0,0.18)"];

    public static PlotFigure Build(GamTerm a, string nameA, GamTerm b, string nameB, PlotStyle style)
    {
        var traces = new List<ITrace>();
        bool continuous = a.Binnings[0].Kind == BinningKind.Continuous;
        var pairs = new[] { (a, nameA), (b, nameB) };
        for (int k = 0; k < 2; k++)
        {
            if (continuous) traces.AddRange(Steps(pairs[k].Item1, pairs[k].Item2, k, style));
            else traces.Add(Bars(pairs[k].Item1, pairs[k].Item2, k, style));
        }
        var layout = PlotLayouts.Basic(a.Name, style, style.AxisLabel ?? a.Name, style.YTitle);
        if (style.OddsRatio) layout.YAxis[0].Type = Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Log;
        if (!continuous) layout.BarMode = Plotly.Blazor.LayoutLib.BarModeEnum.Group;
        return new PlotFigure(traces, layout);
    }

    private static IEnumerable<ITrace> Steps(GamTerm term, string model, int k, PlotStyle style)
    {
        var edges = ShapePlotBuilder.Edges(term.Binnings[0]);
        int n = edges.Length - 1;
        var s = term.Scores;
        var sd = term.StandardDeviations;
        object[] Step(Func<int, double> f) => Enumerable.Range(0, n + 1).Select(i => (object)style.Y(f(1 + Math.Min(i, n - 1)))).ToArray();
        var x = edges.Cast<object>().ToArray();
        var hv = Plotly.Blazor.Traces.ScatterLib.LineLib.ShapeEnum.Hv;
        if (term.BagScores is { Length: > 1 })
        {
            yield return new Scatter
            {
                Name = $"{model} band lower", X = x, Y = Step(bin => s[bin] - sd[bin]), Mode = ModeFlag.Lines, ShowLegend = false,
                Line = new Line { Shape = hv, Width = 0 }, HoverInfo = HoverInfoFlag.Skip,
            };
            yield return new Scatter
            {
                Name = $"{model}: ±1 sd across {term.BagScores.Length} bags", X = x, Y = Step(bin => s[bin] + sd[bin]),
                Mode = ModeFlag.Lines, Fill = FillEnum.ToNextY, FillColor = BandFills[k],
                Line = new Line { Shape = hv, Width = 0 }, HoverInfo = HoverInfoFlag.Skip,
            };
        }
        yield return new Scatter
        {
            Name = model, X = x, Y = Step(bin => s[bin]), Mode = ModeFlag.Lines,
            Line = new Line { Shape = hv, Color = Colours[k], Width = 2 },
            HoverTemplate = $"{model}<br>%{{x}}: %{{y:.3f}}<extra></extra>",
        };
    }

    private static Bar Bars(GamTerm term, string model, int k, PlotStyle style)
    {
        var binning = term.Binnings[0];
        var bins = Enumerable.Range(0, binning.BinCount).Where(bin => term.BinWeights[bin] > 0).ToList();
        var s = term.Scores;
        var sd = term.StandardDeviations;
        return new Bar
        {
            Name = model, X = bins.Select(bin => (object)binning.BinLabel(bin)).ToArray(),
            Y = bins.Select(bin => (object)style.Y(s[bin])).ToArray(),
            Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = Colours[k] },
            ErrorY = new Plotly.Blazor.Traces.BarLib.ErrorY
            {
                Type = Plotly.Blazor.Traces.BarLib.ErrorYLib.TypeEnum.Data, Visible = true,
                Array = bins.Select(bin => (object)(style.Y(s[bin] + sd[bin]) - style.Y(s[bin]))).ToArray(),
                ArrayMinus = bins.Select(bin => (object)(style.Y(s[bin]) - style.Y(s[bin] - sd[bin]))).ToArray(),
            },
        };
    }
}
