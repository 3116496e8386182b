using ClinicalGAM.Core.Diagnostics.Goodhart;
using ClinicalGAM.Core.Modeling;
using ScottPlot;

namespace ClinicalGAM.Reporting.Plots;

/// <summary>Builds the ScottPlot figure of one term: step line with its bag band, bars with error bars, or a heatmap.</summary>
internal static class ShapePlots
{
    /// <summary>The density histogram under a shape is drawn in this many equal-width bars, whatever the bin count.</summary>
    public const int HistogramBars = 40;

    /// <summary>The histogram fills the bottom fifth of the plot (its own hidden axis runs to 5x the tallest bar).</summary>
    private const double HistogramHeadroom = 5;

    public static readonly Color Line = Color.FromHex("#1f4e79");
    public static readonly Color Band = Color.FromHex("#1f4e79").WithAlpha(0.22);
    public static readonly Color Histogram = Color.FromHex("#7f7f7f").WithAlpha(0.35);
    public static readonly Color Missing = Color.FromHex("#c0392b");

    public static readonly Color Flag = Color.FromHex("#e67e22");

    public static Plot Build(GamTerm term, string scoreLabel, IReadOnlyDictionary<string, ColumnDescription>? dictionary,
        IReadOnlyList<GoodhartFlag>? flags = null)
    {
        var plot = new Plot();
        if (term.IsInteraction) Interaction(plot, term, dictionary);
        else if (term.Binnings[0].Kind == BinningKind.Continuous)
        {
            MarkFlags(plot, term.Binnings[0].Feature, flags);
            Continuous(plot, term, scoreLabel, dictionary);
        }
        else Categorical(plot, term, scoreLabel, dictionary);
        plot.Title(term.Name);
        return plot;
    }

    private static void Continuous(Plot plot, GamTerm term, string scoreLabel, IReadOnlyDictionary<string, ColumnDescription>? dictionary)
    {
        var binning = term.Binnings[0];
        var (edges, first) = Edges(binning);
        int bins = edges.Length - 1;
        // Each bin drawn as a flat segment [lower, upper): a step line and a stepped band, both honest about bin widths.
        var xs = new double[2 * bins];
        var ys = new double[2 * bins];
        var low = new double[2 * bins];
        var high = new double[2 * bins];
        for (int b = 0; b < bins; b++)
        {
            int cell = first + b;
            double score = term.Scores[cell], sd = term.StandardDeviations[cell];
            xs[2 * b] = edges[b];
            xs[2 * b + 1] = edges[b + 1];
            ys[2 * b] = ys[2 * b + 1] = score;
            low[2 * b] = low[2 * b + 1] = score - sd;
            high[2 * b] = high[2 * b + 1] = score + sd;
        }
        var band = plot.Add.FillY(xs, low, high);
        band.FillColor = Band;
        band.LineWidth = 0;
        band.LegendText = "±1 sd across bags";
        var line = plot.Add.ScatterLine(xs, ys, Line);
        line.LineWidth = 2;
        line.LegendText = "score (mean of bags)";

        double span = edges[^1] - edges[0];
        if (!(span > 0)) span = 1;
        AddHistogram(plot, term, edges, first);
        if (term.BinWeights[0] > 0) AddMissingPoint(plot, term, edges[0] - 0.08 * span);

        plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dotted);
        plot.XLabel(ColumnDescription.AxisTitle(binning.Feature, dictionary));
        plot.YLabel(scoreLabel);
        plot.ShowLegend(Edge.Right);
    }

    /// <summary>A temporal-drift flag's per-period shape functions overlaid (each ±1 se), to show the effect fading.</summary>
    public static Plot PeriodOverlay(GoodhartFlag flag, string scoreLabel, IReadOnlyDictionary<string, ColumnDescription>? dictionary)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int k = 0;
        foreach (var period in flag.Periods ?? [])
        {
            var color = palette.GetColor(k++);
            var low = period.Score.Select((v, i) => v - period.StandardError[i]).ToArray();
            var high = period.Score.Select((v, i) => v + period.StandardError[i]).ToArray();
            var band = plot.Add.FillY(period.X, low, high);
            band.FillColor = color.WithAlpha(0.18);
            band.LineWidth = 0;
            var line = plot.Add.ScatterLine(period.X, period.Score, color);
            line.LineWidth = 2;
            line.LegendText = $"{period.Label} (n = {period.Rows:N0})";
        }
        plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dotted);
        plot.Title($"{flag.Feature}: shape by period (±1 se across bags)");
        plot.XLabel(ColumnDescription.AxisTitle(flag.Feature, dictionary));
        plot.YLabel(scoreLabel);
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>Goodhart flags of this biomarker drawn where they are: a dashed line at a threshold, a shaded
    /// range where the curve goes against the expected direction.</summary>
    private static void MarkFlags(Plot plot, string feature, IReadOnlyList<GoodhartFlag>? flags)
    {
        foreach (var flag in flags?.Where(f => f.Feature == feature) ?? [])
        {
            if (flag.Kind == GoodhartKind.Threshold && double.IsFinite(flag.At))
            {
                var line = plot.Add.VerticalLine(flag.At, 2, Flag, LinePattern.Dashed);
                line.LegendText = $"Goodhart flag: jump at {flag.At:G4}";
            }
            else if (flag.Kind == GoodhartKind.Direction && double.IsFinite(flag.RangeLow) && double.IsFinite(flag.RangeHigh))
            {
                var span = plot.Add.HorizontalSpan(flag.RangeLow, flag.RangeHigh, Flag.WithAlpha(0.15));
                span.LegendText = "Goodhart flag: against the expected direction";
            }
        }
    }

    /// <summary>Bin edges with infinite outer edges closed at a finite, plottable value; first = cell of the first bin.</summary>
    internal static (double[] Edges, int First) Edges(FeatureBinning binning)
    {
        var cuts = binning.Cuts;
        int bins = cuts.Length + 1;
        var edges = new double[bins + 1];
        for (int b = 1; b <= bins; b++) (edges[b - 1], edges[b]) = binning.BinRange(b);
        double width = cuts.Length >= 2 ? (cuts[^1] - cuts[0]) / (cuts.Length - 1) : 1;
        if (!double.IsFinite(edges[0])) edges[0] = (cuts.Length > 0 ? cuts[0] : 0) - width;
        if (!double.IsFinite(edges[^1])) edges[^1] = (cuts.Length > 0 ? cuts[^1] : 0) + width;
        if (edges[^1] <= edges[0]) edges[^1] = edges[0] + 1;
        return (edges, 1);
    }

    /// <summary>Training density in equal-width bars on a hidden right axis, so it sits under the curve.</summary>
    private static void AddHistogram(Plot plot, GamTerm term, double[] edges, int first)
    {
        double lo = edges[0], hi = edges[^1], width = (hi - lo) / HistogramBars;
        var mass = new double[HistogramBars];
        // A model bin's weight is spread evenly over its width (all we know), then summed per histogram bar.
        for (int b = 0; b < edges.Length - 1; b++)
        {
            double a = edges[b], z = edges[b + 1], weight = term.BinWeights[first + b];
            if (!(weight > 0)) continue;
            if (!(z > a)) { mass[Math.Clamp((int)((a - lo) / width), 0, HistogramBars - 1)] += weight; continue; }
            int k0 = Math.Clamp((int)((a - lo) / width), 0, HistogramBars - 1);
            int k1 = Math.Clamp((int)((z - lo) / width), 0, HistogramBars - 1);
            for (int k = k0; k <= k1; k++)
            {
                double overlap = Math.Min(z, lo + (k + 1) * width) - Math.Max(a, lo + k * width);
                if (overlap > 0) mass[k] += weight * overlap / (z - a);
            }
        }
        double top = mass.Max();
        if (!(top > 0)) return;
        var bars = new List<Bar>(HistogramBars);
        for (int k = 0; k < HistogramBars; k++)
            bars.Add(new Bar { Position = lo + (k + 0.5) * width, Value = mass[k] / top, Size = width, FillColor = Histogram, LineWidth = 0 });
        var histogram = plot.Add.Bars(bars);
        histogram.Axes.YAxis = plot.Axes.Right;
        histogram.LegendText = "density of training data";
        plot.Axes.Right.Min = 0;
        plot.Axes.Right.Max = HistogramHeadroom;
        plot.Axes.Right.IsVisible = false;
    }

    private static void AddMissingPoint(Plot plot, GamTerm term, double x)
    {
        double score = term.Scores[0], sd = term.StandardDeviations[0];
        double[] xs = [x], ys = [score], sds = [sd];
        var error = plot.Add.ErrorBar(xs, ys, sds);
        error.Color = Missing;
        var point = plot.Add.Markers(xs, ys, MarkerShape.FilledDiamond, 9, Missing);
        point.LegendText = $"missing (n = {term.BinWeights[0]:N0})";
    }

    private static void Categorical(Plot plot, GamTerm term, string scoreLabel, IReadOnlyDictionary<string, ColumnDescription>? dictionary)
    {
        var binning = term.Binnings[0];
        var cells = CategoricalCells(term);
        var bars = new List<Bar>(cells.Count);
        var ticks = new Tick[cells.Count];
        for (int k = 0; k < cells.Count; k++)
        {
            int cell = cells[k];
            bars.Add(new Bar
            {
                Position = k, Value = term.Scores[cell], Error = term.StandardDeviations[cell], Size = 0.7,
                FillColor = cell == 0 ? Missing : Line.WithAlpha(0.75),
            });
            ticks[k] = new Tick(k, Truncate(binning.BinLabel(cell)));
        }
        var added = plot.Add.Bars(bars);
        added.LegendText = "score (mean of bags), error bar ±1 sd across bags";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        if (cells.Count > 6) plot.Axes.Bottom.TickLabelStyle.Rotation = 40;
        if (cells.Count > 6) plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dotted);
        plot.XLabel(ColumnDescription.AxisTitle(binning.Feature, dictionary));
        plot.YLabel(scoreLabel);
        plot.ShowLegend(Edge.Bottom);
    }

    /// <summary>The level bins in order, then missing and unseen only when training data fell there.</summary>
    internal static List<int> CategoricalCells(GamTerm term)
    {
        var binning = term.Binnings[0];
        var cells = Enumerable.Range(1, binning.Levels.Length).ToList();
        if (term.BinWeights[0] > 0) cells.Add(0);
        if (binning.UnseenBin > 0 && term.BinWeights[binning.UnseenBin] > 0) cells.Add(binning.UnseenBin);
        return cells;
    }

    private static void Interaction(Plot plot, GamTerm term, IReadOnlyDictionary<string, ColumnDescription>? dictionary)
    {
        var rowsBinning = term.Binnings[0];
        var colsBinning = term.Binnings[1];
        int rows = rowsBinning.BinCount - 1, cols = colsBinning.BinCount - 1;
        // Missing bins (0) are left out of the surface; y = first feature, x = second, bottom row = lowest bin.
        var intensities = new double[rows, cols];
        for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++)
        {
            int cell = (r + 1) * colsBinning.BinCount + (c + 1);
            intensities[rows - 1 - r, c] = term.BinWeights[cell] > 0 ? term.Scores[cell] : double.NaN;
        }
        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = new ScottPlot.Colormaps.MellowRainbow();
        heatmap.NaNCellColor = Colors.White;
        heatmap.Rectangle = new CoordinateRect(0, cols, 0, rows);
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = "score (log-odds); white = no training data";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(Ticks(colsBinning));
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(Ticks(rowsBinning));
        plot.XLabel(ColumnDescription.AxisTitle(colsBinning.Feature, dictionary));
        plot.YLabel(ColumnDescription.AxisTitle(rowsBinning.Feature, dictionary));
    }

    /// <summary>At most about 8 ticks, at the lower edge of continuous bins or the middle of level bins.</summary>
    private static Tick[] Ticks(FeatureBinning binning)
    {
        int bins = binning.BinCount - 1;
        int step = Math.Max(1, (int)Math.Ceiling(bins / 8.0));
        var ticks = new List<Tick>();
        for (int i = 0; i < bins; i += step)
        {
            int bin = i + 1;
            ticks.Add(binning.Kind == BinningKind.Continuous
                ? new Tick(i, binning.BinRange(bin).Lower.ToString("G4", System.Globalization.CultureInfo.InvariantCulture))
                : new Tick(i + 0.5, Truncate(binning.BinLabel(bin))));
        }
        return ticks.ToArray();
    }

    private static string Truncate(string text) => text.Length <= 18 ? text : text[..17] + "…";
}
