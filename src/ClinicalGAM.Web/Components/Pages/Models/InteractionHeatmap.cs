using ClinicalGAM.Core.Modeling;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace ClinicalGAM.Web.Components.Pages.Models;

/// <summary>A pairwise interaction as a heatmap of its score over the two features' bins (missing bins left out).</summary>
internal static class InteractionHeatmap
{
    public static PlotFigure Build(GamTerm term, PlotStyle style)
    {
        var (a, b) = (term.Binnings[0], term.Binnings[1]);
        var xs = Enumerable.Range(1, a.BinCount - 1).Where(i => i != a.UnseenBin).ToArray();
        var ys = Enumerable.Range(1, b.BinCount - 1).Where(j => j != b.UnseenBin).ToArray();
        int stride = b.BinCount;
        var z = ys.Select(j => (object)xs.Select(i => (object)style.Y(term.Scores[i * stride + j])).ToArray()).ToArray();
        var heat = new HeatMap
        {
            Name = term.Name,
            X = xs.Select(i => Axis(a, i)).ToArray(),
            Y = ys.Select(j => Axis(b, j)).ToArray(),
            Z = z,
            ZMid = (decimal)(style.OddsRatio ? 1.0 : 0.0),
            ColorScale = "RdBu",
            // Plotly's RdBu runs blue (low) to red (high): red = higher risk.
            HoverTemplate = $"{a.Feature} %{{x}}<br>{b.Feature} %{{y}}<br>{style.YTitle} %{{z:.3f}}<extra></extra>",
        };
        var layout = PlotLayouts.Basic(term.Name, style, style.AxisLabel ?? a.Feature, b.Feature);
        return new PlotFigure(new List<ITrace> { heat }, layout);
    }

    // Continuous bins sit at their midpoints on a numeric axis (readable ticks); categories keep their labels.
    private static object Axis(FeatureBinning binning, int bin)
    {
        if (binning.Kind != BinningKind.Continuous) return binning.BinLabel(bin);
        var edges = ShapePlotBuilder.Edges(binning);
        return (edges[bin - 1] + edges[bin]) / 2;
    }
}
