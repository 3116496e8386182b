using System.Globalization;
using ClinicalGAM.Core.Modeling;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace ClinicalGAM.Web.Components.Pages.Models;

/// <summary>
/// Turns a GAM term into a Plotly figure. Continuous: step line over bins with a ±1 sd band across bags, the missing
/// bin as its own point left of the axis, and a training-density histogram underneath. Categorical: bars with error
/// bars. Interaction: heatmap.
/// </summary>
public static class ShapePlotBuilder
{
    public const string StepName = "shape (mean over bags)";
    public const string DensityName = "training rows per bin";

    public static PlotFigure Build(GamTerm term, PlotStyle style) =>
        term.IsInteraction ? InteractionHeatmap.Build(term, style)
        : term.Binnings[0].Kind == BinningKind.Continuous ? Continuous(term, style)
        : CategoricalShape.Build(term, style);

    public static string BandName(GamTerm term) =>
        $"±1 sd across {term.BagScores?.Length ?? 0} bags";

    private static PlotFigure Continuous(GamTerm term, PlotStyle style)
    {
        var binning = term.Binnings[0];
        var edges = Edges(binning);
        int n = edges.Length - 1;
        var s = term.Scores;
        var sd = term.StandardDeviations;
        // An Hv step needs the last value repeated at the right edge.
        object[] Step(Func<int, double> f) => Enumerable.Range(0, n + 1).Select(i => (object)style.Y(f(1 + Math.Min(i, n - 1)))).ToArray();
        var x = edges.Cast<object>().ToArray();
        var hover = Enumerable.Range(0, n + 1).Select(i =>
        {
            int bin = 1 + Math.Min(i, n - 1);
            return $"{binning.BinLabel(bin)}<br>score {F(s[bin])} ± {F(sd[bin])}<br>n = {term.BinWeights[bin]:N0}";
        }).ToArray();
        var traces = new List<ITrace>();
        // The band needs at least two bags; a single fit has no spread to show.
        if (term.BagScores is { Length: > 1 })
        {
            traces.Add(new Scatter
            {
                Name = "band lower", X = x, Y = Step(b => s[b] - sd[b]), Mode = ModeFlag.Lines, ShowLegend = false,
                Line = new Line { Shape = Plotly.Blazor.Traces.ScatterLib.LineLib.ShapeEnum.Hv, Width = 0 },
                HoverInfo = HoverInfoFlag.Skip,
            });
            traces.Add(new Scatter
            {
                Name = BandName(term), X = x, Y = Step(b => s[b] + sd[b]), Mode = ModeFlag.Lines, Fill = FillEnum.ToNextY,
                FillColor = style.BandFill, Line = new Line { Shape = Plotly.Blazor.Traces.ScatterLib.LineLib.ShapeEnum.Hv, Width = 0 },
                HoverInfo = HoverInfoFlag.Skip,
            });
        }
        traces.Add(new Scatter
        {
            Name = StepName, X = x, Y = Step(b => s[b]), Mode = ModeFlag.Lines, TextArray = hover,
            HoverTemplate = "%{text}<extra></extra>",
            Line = new Line { Shape = Plotly.Blazor.Traces.ScatterLib.LineLib.ShapeEnum.Hv, Color = style.Accent, Width = 2 },
        });
        if (term.BinWeights[0] > 0)
            traces.Add(MissingPoint(term, style, edges[0] - 0.06 * (edges[^1] - edges[0])));
        traces.Add(Density(term, edges, style));
        return new PlotFigure(traces, PlotLayouts.WithDensity(term.Name, style));
    }

    /// <summary>Most numbers of bins a density histogram shows; finer binnings are summed into equal-width buckets.</summary>
    public const int DensityBuckets = 40;

    // EBM uses up to 1,024 bins: their raw counts would be a comb of tiny bars, so weights are summed into at most
    // DensityBuckets equal-width buckets (each bin counted in the bucket holding its midpoint).
    private static Bar Density(GamTerm term, double[] edges, PlotStyle style)
    {
        int n = edges.Length - 1;
        double[] lower, upper, weight;
        if (n <= DensityBuckets)
        {
            lower = edges[..n];
            upper = edges[1..];
            weight = term.BinWeights[1..(n + 1)];
        }
        else
        {
            double lo = edges[0], width = (edges[^1] - edges[0]) / DensityBuckets;
            lower = Enumerable.Range(0, DensityBuckets).Select(k => lo + k * width).ToArray();
            upper = lower.Select(v => v + width).ToArray();
            weight = new double[DensityBuckets];
            for (int i = 0; i < n; i++)
                weight[Math.Clamp((int)(((edges[i] + edges[i + 1]) / 2 - lo) / width), 0, DensityBuckets - 1)] += term.BinWeights[1 + i];
        }
        return new Bar
        {
            Name = DensityName, YAxis = "y2", ShowLegend = false,
            X = lower.Select((l, k) => (object)((l + upper[k]) / 2)).ToArray(),
            Y = weight.Cast<object>().ToArray(),
            WidthArray = lower.Select((l, k) => (decimal?)(decimal)(upper[k] - l)).ToArray(),
            Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = style.DensityFill },
            HoverTemplate = "n = %{y:,}<extra></extra>",
        };
    }

    private static Scatter MissingPoint(GamTerm term, PlotStyle style, double x) => new()
    {
        Name = $"missing (n = {term.BinWeights[0]:N0})", X = [x], Y = [style.Y(term.Scores[0])], Mode = ModeFlag.Markers,
        Marker = new Marker { Color = "#c62828", Size = 9, Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.Diamond },
        ErrorY = new ErrorY
        {
            Type = Plotly.Blazor.Traces.ScatterLib.ErrorYLib.TypeEnum.Data, Visible = true,
            Array = [style.Y(term.Scores[0] + term.StandardDeviations[0]) - style.Y(term.Scores[0])],
            ArrayMinus = [style.Y(term.Scores[0]) - style.Y(term.Scores[0] - term.StandardDeviations[0])],
        },
        HoverTemplate = $"missing<br>score {F(term.Scores[0])} ± {F(term.StandardDeviations[0])}<extra></extra>",
    };

    /// <summary>Bin edges for plotting; unbounded outer bins get the width of their neighbour.</summary>
    internal static double[] Edges(FeatureBinning binning)
    {
        int n = binning.Cuts.Length + 1;
        var edges = new double[n + 1];
        for (int i = 0; i < n; i++) edges[i] = binning.BinRange(i + 1).Lower;
        edges[n] = binning.BinRange(n).Upper;
        double step = binning.Cuts.Length >= 2 ? binning.Cuts[^1] - binning.Cuts[^2] : 1;
        if (double.IsInfinity(edges[0])) edges[0] = (binning.Cuts.Length > 0 ? binning.Cuts[0] : 0) - step;
        if (double.IsInfinity(edges[n])) edges[n] = (binning.Cuts.Length > 0 ? binning.Cuts[^1] : 0) + step;
        return edges;
    }

    internal static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
