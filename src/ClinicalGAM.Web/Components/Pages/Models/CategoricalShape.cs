using ClinicalGAM.Core.Modeling;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace ClinicalGAM.Web.Components.Pages.Models;

/// <summary>A categorical term: one bar per level (and for missing / unseen when they hold data) with ±1 sd error bars.</summary>
internal static class CategoricalShape
{
    public static PlotFigure Build(GamTerm term, PlotStyle style)
    {
        var binning = term.Binnings[0];
        var bins = Enumerable.Range(1, binning.BinCount - 1)
            .Where(b => b != binning.UnseenBin || term.BinWeights[b] > 0).ToList();
        if (term.BinWeights[0] > 0) bins.Add(0);
        var labels = bins.Select(b => (object)binning.BinLabel(b)).ToArray();
        var s = term.Scores;
        var sd = term.StandardDeviations;
        var traces = new List<ITrace>
        {
            new Bar
            {
                Name = term.BagScores is { Length: > 1 } ? $"score ± 1 sd across {term.BagScores.Length} bags" : "score", X = labels,
                Y = bins.Select(b => (object)style.Y(s[b])).ToArray(),
                Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = style.Accent },
                ErrorY = new Plotly.Blazor.Traces.BarLib.ErrorY
                {
                    Type = Plotly.Blazor.Traces.BarLib.ErrorYLib.TypeEnum.Data, Visible = true,
                    Array = bins.Select(b => (object)(style.Y(s[b] + sd[b]) - style.Y(s[b]))).ToArray(),
                    ArrayMinus = bins.Select(b => (object)(style.Y(s[b]) - style.Y(s[b] - sd[b]))).ToArray(),
                },
                TextArray = bins.Select(b => $"{binning.BinLabel(b)}<br>score {ShapePlotBuilder.F(s[b])} ± {ShapePlotBuilder.F(sd[b])}<br>n = {term.BinWeights[b]:N0}").ToArray(),
                TextPosition = Plotly.Blazor.Traces.BarLib.TextPositionEnum.None,
                HoverTemplate = "%{text}<extra></extra>",
            },
            new Bar
            {
                Name = ShapePlotBuilder.DensityName, YAxis = "y2", X = labels, ShowLegend = false,
                Y = bins.Select(b => (object)term.BinWeights[b]).ToArray(),
                Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = style.DensityFill },
                HoverTemplate = "n = %{y:,}<extra></extra>",
            },
        };
        return new PlotFigure(traces, PlotLayouts.WithDensity(term.Name, style));
    }
}
