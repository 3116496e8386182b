using System.Globalization;
using System.Net;
using System.Text;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Web.Components.Pages.Models;

namespace ClinicalGAM.Web.Reports;

/// <summary>
/// Static SVG drawings of shape functions for the self-contained report: a step line with its ±1 sd band (continuous),
/// bars with error bars (categorical), the missing bin as a separate diamond. No scripts, no external files.
/// </summary>
public static class SvgShape
{
    private const int W = 520, H = 240, L = 56, R = 12, T = 14, B = 40;

    public static string Render(GamTerm term, string axisTitle)
    {
        if (term.IsInteraction) return "";
        var binning = term.Binnings[0];
        return binning.Kind == BinningKind.Continuous ? Continuous(term, axisTitle) : Categorical(term, axisTitle);
    }

    private static string Continuous(GamTerm term, string axisTitle)
    {
        var edges = ShapePlotBuilder.Edges(term.Binnings[0]);
        int n = edges.Length - 1;
        var s = term.Scores;
        var sd = term.StandardDeviations;
        bool missing = term.BinWeights[0] > 0;
        double x0 = edges[0] - (missing ? 0.08 * (edges[^1] - edges[0]) : 0), x1 = edges[^1];
        var (yLo, yHi) = YRange(Enumerable.Range(missing ? 0 : 1, missing ? n + 1 : n), s, sd);
        double X(double v) => L + (v - x0) / (x1 - x0) * (W - L - R);
        double Y(double v) => T + (yHi - v) / (yHi - yLo) * (H - T - B);

        var svg = Open(axisTitle);
        Axes(svg, x0, x1, yLo, yHi, X, Y);
        var band = new StringBuilder();
        for (int i = 0; i < n; i++) band.Append(P(X(edges[i]), Y(s[i + 1] + sd[i + 1]))).Append(P(X(edges[i + 1]), Y(s[i + 1] + sd[i + 1])));
        for (int i = n - 1; i >= 0; i--) band.Append(P(X(edges[i + 1]), Y(s[i + 1] - sd[i + 1]))).Append(P(X(edges[i]), Y(s[i + 1] - sd[i + 1])));
        svg.Append($"<polygon points=\"{band}\" fill=\"rgba(21,101,192,0.18)\" stroke=\"none\"/>");
        var step = new StringBuilder();
        for (int i = 0; i < n; i++) step.Append(P(X(edges[i]), Y(s[i + 1]))).Append(P(X(edges[i + 1]), Y(s[i + 1])));
        svg.Append($"<polyline points=\"{step}\" fill=\"none\" stroke=\"#1565c0\" stroke-width=\"2\"/>");
        if (missing)
        {
            double mx = X(x0 + 0.04 * (x1 - edges[0])), my = Y(s[0]);
            svg.Append($"<line x1=\"{F(mx)}\" x2=\"{F(mx)}\" y1=\"{F(Y(s[0] + sd[0]))}\" y2=\"{F(Y(s[0] - sd[0]))}\" stroke=\"#c62828\"/>");
            svg.Append($"<path d=\"M{F(mx)},{F(my - 5)} l5,5 l-5,5 l-5,-5 z\" fill=\"#c62828\"><title>missing: {F(s[0])}</title></path>");
        }
        return Close(svg, term, hasBand: term.BagScores is { Length: > 1 }, missing);
    }

    private static string Categorical(GamTerm term, string axisTitle)
    {
        var binning = term.Binnings[0];
        var bins = Enumerable.Range(1, binning.BinCount - 1).Where(b => term.BinWeights[b] > 0).ToList();
        if (term.BinWeights[0] > 0) bins.Add(0);
        var s = term.Scores;
        var sd = term.StandardDeviations;
        var (yLo, yHi) = YRange(bins, s, sd);
        yLo = Math.Min(yLo, 0);
        yHi = Math.Max(yHi, 0);
        double slot = (W - L - R) / (double)Math.Max(1, bins.Count);
        double Y(double v) => T + (yHi - v) / (yHi - yLo) * (H - T - B);
        var svg = Open(axisTitle);
        Axes(svg, 0, 1, yLo, yHi, _ => double.NaN, Y);
        for (int k = 0; k < bins.Count; k++)
        {
            int b = bins[k];
            double x = L + k * slot + slot * 0.15, w = slot * 0.7, top = Y(Math.Max(0, s[b])), bottom = Y(Math.Min(0, s[b]));
            svg.Append($"<rect x=\"{F(x)}\" y=\"{F(top)}\" width=\"{F(w)}\" height=\"{F(Math.Max(0.5, bottom - top))}\" fill=\"#1565c0\"><title>{Esc(binning.BinLabel(b))}: {F(s[b])} ± {F(sd[b])}</title></rect>");
            double cx = x + w / 2;
            svg.Append($"<line x1=\"{F(cx)}\" x2=\"{F(cx)}\" y1=\"{F(Y(s[b] + sd[b]))}\" y2=\"{F(Y(s[b] - sd[b]))}\" stroke=\"#333\"/>");
            svg.Append($"<text x=\"{F(cx)}\" y=\"{H - B + 14}\" font-size=\"10\" text-anchor=\"middle\">{Esc(binning.BinLabel(b))}</text>");
        }
        return Close(svg, term, hasBand: term.BagScores is { Length: > 1 }, missing: false, bars: true);
    }

    private static (double Lo, double Hi) YRange(IEnumerable<int> bins, double[] s, double[] sd)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var b in bins)
        {
            lo = Math.Min(lo, s[b] - sd[b]);
            hi = Math.Max(hi, s[b] + sd[b]);
        }
        if (!(hi > lo)) { lo -= 0.5; hi += 0.5; }
        double pad = 0.05 * (hi - lo);
        return (lo - pad, hi + pad);
    }

    private static StringBuilder Open(string axisTitle) => new StringBuilder()
        .Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" font-family=\"DejaVu Sans, sans-serif\" role=\"img\">")
        .Append($"<text x=\"{(L + W - R) / 2}\" y=\"{H - 6}\" font-size=\"11\" text-anchor=\"middle\">{Esc(axisTitle)}</text>")
        .Append($"<text transform=\"translate(12,{(T + H - B) / 2}) rotate(-90)\" font-size=\"11\" text-anchor=\"middle\">log-odds</text>");

    private static void Axes(StringBuilder svg, double x0, double x1, double yLo, double yHi, Func<double, double> X, Func<double, double> Y)
    {
        svg.Append($"<line x1=\"{L}\" x2=\"{W - R}\" y1=\"{F(Y(0))}\" y2=\"{F(Y(0))}\" stroke=\"#bbb\" stroke-dasharray=\"3,3\"/>");
        svg.Append($"<line x1=\"{L}\" x2=\"{L}\" y1=\"{T}\" y2=\"{H - B}\" stroke=\"#555\"/>");
        foreach (var v in Ticks(yLo, yHi))
            svg.Append($"<text x=\"{L - 4}\" y=\"{F(Y(v) + 3)}\" font-size=\"10\" text-anchor=\"end\">{F(v)}</text>");
        if (double.IsNaN(X(x0))) return;
        svg.Append($"<line x1=\"{L}\" x2=\"{W - R}\" y1=\"{H - B}\" y2=\"{H - B}\" stroke=\"#555\"/>");
        foreach (var v in Ticks(x0, x1))
            svg.Append($"<text x=\"{F(X(v))}\" y=\"{H - B + 13}\" font-size=\"10\" text-anchor=\"middle\">{F(v)}</text>");
    }

    private static string Close(StringBuilder svg, GamTerm term, bool hasBand, bool missing, bool bars = false)
    {
        var legend = bars ? "score" : "shape";
        if (hasBand) legend += $" with ±1 sd across {term.BagScores!.Length} bags";
        if (missing) legend += " · ◆ missing";
        svg.Append($"<text x=\"{L + 6}\" y=\"{T + 10}\" font-size=\"10\" fill=\"#555\">{Esc(legend)}</text></svg>");
        return svg.ToString();
    }

    internal static IEnumerable<double> Ticks(double lo, double hi)
    {
        double raw = (hi - lo) / 5, mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = new[] { 1, 2, 5, 10 }.Select(m => m * mag).First(s => s >= raw);
        for (double v = Math.Ceiling(lo / step) * step; v <= hi + 1e-12; v += step) yield return Math.Round(v / step) * step + 0.0; // no "-0"
    }

    private static string P(double x, double y) => $"{F(x)},{F(y)} ";
    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
    private static string Esc(string s) => WebUtility.HtmlEncode(s);
}
