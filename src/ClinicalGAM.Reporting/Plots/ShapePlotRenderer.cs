using System.Text;
using ClinicalGAM.Core.Diagnostics.Goodhart;
using ClinicalGAM.Core.Diagnostics.Metrics;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Operations;
using ScottPlot;

namespace ClinicalGAM.Reporting.Plots;

/// <summary>
/// Static images (SVG or PNG) of a model for reports and downloads: each term's shape function (step line, ±1 sd band
/// across bags, missing bin as its own point, training-data density underneath; categorical terms as bars with error
/// bars; interactions as heatmaps), and the ROC, calibration, decision-curve and importance charts.
/// Thread-safe: every call builds its own figure.
/// </summary>
public sealed class ShapePlotRenderer(int width = 760, int height = 440)
{
    /// <summary>Sans-serif text (Debian ships DejaVu; elsewhere the renderer falls back to a system font).</summary>
    private const string SansFont = "DejaVu Sans";

    public int Width { get; } = width;
    public int Height { get; } = height;

    /// <summary>
    /// One term's shape function; axis titles from the data dictionary when given; the Goodhart flags of its biomarker
    /// (threshold, direction) marked on the curve when given.
    /// </summary>
    public PlotImage Term(GamTerm term, PlotFormat format = PlotFormat.Svg, Objective objective = Objective.LogLoss,
        IReadOnlyDictionary<string, ColumnDescription>? dictionary = null, IReadOnlyList<GoodhartFlag>? flags = null) =>
        Render(ShapePlots.Build(term, ScoreLabel(objective), dictionary, flags), format);

    /// <summary>A temporal-drift flag's per-period curves overlaid; the flag must carry its periods.</summary>
    public PlotImage PeriodOverlay(GoodhartFlag flag, PlotFormat format = PlotFormat.Svg, Objective objective = Objective.LogLoss,
        IReadOnlyDictionary<string, ColumnDescription>? dictionary = null)
    {
        if (flag.Periods is not { Count: > 0 }) throw new ArgumentException("The flag has no per-period curves.", nameof(flag));
        return Render(ShapePlots.PeriodOverlay(flag, ScoreLabel(objective), dictionary), format);
    }

    public PlotImage Roc(ReadOnlySpan<double> labels, ReadOnlySpan<double> risk, PlotFormat format = PlotFormat.Svg) =>
        Render(PerformancePlots.Roc(RocCurve.Compute(labels, risk), BinaryMetrics.RocAuc(labels, risk)), format);

    public PlotImage Calibration(CalibrationCurve curve, PlotFormat format = PlotFormat.Svg) =>
        Render(PerformancePlots.Calibration(curve), format);

    public PlotImage DecisionCurve(IReadOnlyList<DecisionCurvePoint> points, double prevalence, PlotFormat format = PlotFormat.Svg) =>
        Render(PerformancePlots.DecisionCurve(points, prevalence), format);

    /// <summary>Horizontal bars of term importance, main effects and interactions together, largest at the top.</summary>
    public PlotImage Importances(GamModel model, PlotFormat format = PlotFormat.Svg)
    {
        var importances = model.Importances();
        int height = Math.Max(Height, 90 + 22 * importances.Count);
        return Render(PerformancePlots.Importances(importances), format, height);
    }

    public static string ScoreLabel(Objective objective) => objective switch
    {
        Objective.LogLoss => "score (log-odds)",
        Objective.Poisson => "score (log rate)",
        _ => "score (outcome units)",
    };

    private PlotImage Render(Plot plot, PlotFormat format, int? height = null)
    {
        int h = height ?? Height;
        plot.Font.Set(SansFont);
        plot.Legend.FontName = SansFont;
        return format == PlotFormat.Svg
            ? new PlotImage(Encoding.UTF8.GetBytes(PixelatedImages(plot.GetSvgXml(Width, h))), PlotFormat.Svg)
            : new PlotImage(plot.GetImageBytes(Width, h, ImageFormat.Png), PlotFormat.Png);
    }

    /// <summary>
    /// Heatmaps reach the SVG as tiny bitmaps (one pixel per cell) that viewers would blur when scaling up; cells
    /// must stay sharp squares, so embedded images are marked for nearest-neighbour scaling.
    /// </summary>
    private static string PixelatedImages(string svg) =>
        svg.Replace("<image ", "<image style=\"image-rendering:pixelated\" ", StringComparison.Ordinal);
}
