using System.Globalization;

namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>
/// Finds jumps in a numeric shape function at a bin edge that go beyond the local trend. At each edge, a line with a
/// common slope and a step at the edge is fitted by weighted least squares to the bins within a sample window on
/// either side; the step is the jump. The fit is repeated in every bag, and the spread of the jump across bags gives
/// its standard error, so a step that the bags place in different spots (ordinary boosting staircase) does not count.
/// Edges of all terms are tested together with prior-weighted Benjamini-Hochberg, the prior favouring round numbers
/// and library cut-offs, and jumps against the trend over jumps with it.
/// </summary>
public sealed class ThresholdDiscontinuityDetector : IGoodhartDetector
{
    /// <summary>Fewest non-empty bins a term needs to be tested. Defaults to 10.</summary>
    public int MinimumDistinctBins { get; init; } = 10;

    public string Name => "threshold";

    public IReadOnlyList<GoodhartFlag> Detect(GoodhartContext context, CancellationToken cancellationToken = default)
    {
        var options = context.Options;
        var tests = new List<EdgeTest>();
        foreach (var term in context.Model.Terms)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var curve = ShapeCurve.TryCreate(term);
            // A feature with a handful of values (parity, a score) steps between every value: a jump is not
            // distinguishable from its trend there.
            if (curve is null || curve.Weight.Count(w => w > 0) < MinimumDistinctBins) continue;
            var match = context.Cutoffs.Match(curve.Feature, curve.Quantile(0.5));
            tests.AddRange(TestEdges(curve, match, options));
        }
        if (tests.Count == 0) return [];

        var q = Statistics.WeightedBenjaminiHochberg(tests.Select(t => t.P).ToList(), tests.Select(t => t.Prior).ToList());
        for (int i = 0; i < tests.Count; i++) tests[i].Q = q[i];

        var flags = new List<GoodhartFlag>();
        foreach (var group in tests.GroupBy(t => t.Curve.Feature))
        {
            // One flag per cluster of neighbouring edges: windows overlap, so a real jump lights up several edges.
            var accepted = new List<EdgeTest>();
            foreach (var t in group.Where(t => t.Q <= options.FalseDiscoveryRate && Math.Abs(t.Jump) >= options.MinimumEffect)
                         .OrderByDescending(t => t.Rank))
            {
                if (accepted.Any(a => t.Edge >= a.WindowLow && t.Edge <= a.WindowHigh)) continue;
                accepted.Add(t);
            }
            flags.AddRange(accepted.Select(t => ToFlag(t)));
        }
        return flags.OrderByDescending(f => f.Score).ToList();
    }

    /// <summary>
    /// Tests of one numeric term. Every edge with enough samples on both sides gets a jump statistic; its variance is
    /// moderated towards the term's typical variance for that window size (limma-style, so an edge where the few bags
    /// happen to agree cannot produce a huge z); edges are then thinned into blocks of about a quarter window, each
    /// represented by its most suspicious edge, so the number of hypotheses follows the resolution of the windows
    /// rather than the number of bins.
    /// </summary>
    internal static List<EdgeTest> TestEdges(ShapeCurve curve, CutoffMatch? match, GoodhartOptions options)
    {
        var raw = new List<RawEdge>();
        int k = curve.Count;
        double total = curve.TotalWeight;
        double target = Math.Max(options.MinimumSideSamples, options.WindowFraction * total);
        double scale = Math.Max(curve.Quantile(0.9) - curve.Quantile(0.1), 1e-12);
        int bags = curve.BagCount;
        var jumps = new double[bags];
        var slopes = new double[bags];

        for (int e = 0; e < k - 1; e++)
        {
            var (left, wl) = Extend(curve, e, -1, target);
            var (right, wr) = Extend(curve, e + 1, +1, target);
            if (wl < options.MinimumSideSamples || wr < options.MinimumSideSamples || right - left < 2) continue;
            double edge = curve.EdgeAfter(e);
            if (!LocalStepFit(curve, left, e, right, edge, out var jumpCoef, out _)) continue;
            Apply(curve, left, right, jumpCoef, jumps);
            var (jump, jumpSd) = Statistics.MeanSd(jumps);

            // Trend over a wider window (three times the samples), so that the jump's own window does not decide it.
            var (tl, _) = Extend(curve, e, -1, 3 * target);
            var (tr, _) = Extend(curve, e + 1, +1, 3 * target);
            int trend = 0;
            if (LocalStepFit(curve, tl, e, tr, edge, out _, out var slopeCoef))
            {
                Apply(curve, tl, tr, slopeCoef, slopes);
                var (slope, slopeSd) = Statistics.MeanSd(slopes);
                trend = Math.Abs(slope) >= 2 * slopeSd * options.BagSpreadToStandardError ? Math.Sign(slope) : 0;
            }
            raw.Add(new RawEdge(e, edge, left, right, wl, wr, jump, jumpSd * jumpSd, trend));
        }
        if (raw.Count == 0) return [];

        // Moderated variance: prior variance c (1/wl + 1/wr) with c the median over the term's edges, worth d0 bags.
        double c = Median(raw.Select(r => r.Variance / (1 / r.SamplesLeft + 1 / r.SamplesRight)));
        double d = bags - 1, d0 = 4 * d;
        double df = d + d0;
        double tCrit = Statistics.StudentQuantile975(df);
        double inflation = options.BagSpreadToStandardError;

        var edges = new List<EdgeTest>(raw.Count);
        foreach (var r in raw)
        {
            double prior0 = c * (1 / r.SamplesLeft + 1 / r.SamplesRight);
            double variance = (d * r.Variance + d0 * prior0) / df;
            double se = Math.Max(Math.Sqrt(variance) * inflation, 1e-12);
            double z = r.Jump / se;
            double p = Statistics.StudentTwoSidedP(z, df);
            bool opposes = r.Trend != 0 && Math.Sign(r.Jump) != r.Trend;

            // Where a clinician would have put this threshold: a library cut-off or the roundest number between
            // the two neighbouring bins' midpoints (bin edges sit at data quantiles, not at the round number).
            double lo = curve.X[r.Index], hi = curve.X[r.Index + 1];
            double cutoff = match?.CutoffWithin(lo, hi, r.Edge) ?? double.NaN;
            var (round, grain) = RoundNumbers.Roundest(lo, hi, r.Edge);
            double at = !double.IsNaN(cutoff) ? cutoff : !double.IsNaN(round) && grain / scale >= 0.02 ? round : r.Edge;
            double prior = Prior(cutoff, grain / scale) * (r.Trend == 0 ? 1 : opposes ? 2 : 0.25);
            edges.Add(new EdgeTest(curve, r.Index, r.Edge, at, double.IsNaN(cutoff) ? null : match!.Describe(cutoff), r.Jump,
                r.Jump - tCrit * se, r.Jump + tCrit * se, z, p, prior, r.SamplesLeft, r.SamplesRight, opposes,
                curve.Lower[r.Left], curve.Upper[r.Right]));
        }

        // Blocks of about a quarter window: neighbouring edges share most of their bins and answer the same question.
        var result = new List<EdgeTest>();
        double spacing = target / 4, blockWeight = 0;
        EdgeTest? best = null;
        foreach (var t in edges)
        {
            if (best is null || t.Rank > best.Rank) best = t;
            blockWeight += curve.Weight[t.Index + 1];
            if (blockWeight >= spacing)
            {
                result.Add(best with { P = Math.Min(1, 2 * best.P) });
                best = null;
                blockWeight = 0;
            }
        }
        if (best is not null) result.Add(best with { P = Math.Min(1, 2 * best.P) });
        return result;
    }

    private static (int Index, double Weight) Extend(ShapeCurve curve, int start, int step, double target)
    {
        int i = start;
        double w = curve.Weight[i];
        while (w < target && i + step >= 0 && i + step < curve.Count) { i += step; w += curve.Weight[i]; }
        return (i, w);
    }

    private static void Apply(ShapeCurve curve, int left, int right, double[] coef, double[] perBag)
    {
        for (int b = 0; b < perBag.Length; b++)
        {
            double v = 0;
            var y = curve.Bags[b];
            for (int i = left; i <= right; i++) v += coef[i - left] * y[i];
            perBag[b] = v;
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var a = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToArray();
        return a.Length == 0 ? 0 : a.Length % 2 == 1 ? a[a.Length / 2] : (a[a.Length / 2 - 1] + a[a.Length / 2]) / 2;
    }

    private sealed record RawEdge(int Index, double Edge, int Left, int Right, double SamplesLeft, double SamplesRight,
        double Jump, double Variance, int Trend);

    /// <summary>Prior weight of an edge: clinical cut-offs most, coarse round numbers next, arbitrary values least.</summary>
    internal static double Prior(double cutoff, double relativeGrain) =>
        !double.IsNaN(cutoff) ? 8 : relativeGrain >= 0.2 ? 4 : relativeGrain >= 0.05 ? 2 : 0.5;

    /// <summary>
    /// Coefficients turning the window's bin scores into (a) the step at the edge and (b) the common slope of
    /// y = a + slope (x - edge) + step [x &gt;= edge], by weighted least squares with bin weights. Linear in the scores,
    /// so each bag costs one dot product.
    /// </summary>
    private static bool LocalStepFit(ShapeCurve curve, int left, int e, int right, double edge, out double[] jumpCoef, out double[] slopeCoef)
    {
        int n = right - left + 1;
        jumpCoef = new double[n];
        slopeCoef = new double[n];
        double width = Math.Max(curve.Upper[right] - curve.Lower[left], 1e-12);
        // Normal equations of [1, u, r] with u = (x - edge) / width, r = 1 right of the edge.
        Span<double> m = stackalloc double[9];
        for (int i = left; i <= right; i++)
        {
            double w = curve.Weight[i];
            if (w <= 0) continue;
            double u = (curve.X[i] - edge) / width, r = i > e ? 1 : 0;
            m[0] += w; m[1] += w * u; m[2] += w * r;
            m[4] += w * u * u; m[5] += w * u * r; m[8] += w * r;
        }
        m[3] = m[1]; m[6] = m[2]; m[7] = m[5];
        if (!Invert3(m, out var inv)) return false;
        for (int i = left; i <= right; i++)
        {
            double w = curve.Weight[i];
            if (w <= 0) continue;
            double u = (curve.X[i] - edge) / width, r = i > e ? 1 : 0;
            jumpCoef[i - left] = w * (inv[6] + inv[7] * u + inv[8] * r);
            slopeCoef[i - left] = w * (inv[3] + inv[4] * u + inv[5] * r);
        }
        return true;
    }

    private static bool Invert3(ReadOnlySpan<double> a, out double[] inv)
    {
        inv = new double[9];
        double c00 = a[4] * a[8] - a[5] * a[7], c01 = a[5] * a[6] - a[3] * a[8], c02 = a[3] * a[7] - a[4] * a[6];
        double det = a[0] * c00 + a[1] * c01 + a[2] * c02;
        double scale = Math.Abs(a[0] * a[4] * a[8]) + 1e-300;
        if (Math.Abs(det) < 1e-10 * scale) return false;
        inv[0] = c00 / det; inv[1] = (a[2] * a[7] - a[1] * a[8]) / det; inv[2] = (a[1] * a[5] - a[2] * a[4]) / det;
        inv[3] = c01 / det; inv[4] = (a[0] * a[8] - a[2] * a[6]) / det; inv[5] = (a[2] * a[3] - a[0] * a[5]) / det;
        inv[6] = c02 / det; inv[7] = (a[1] * a[6] - a[0] * a[7]) / det; inv[8] = (a[0] * a[4] - a[1] * a[3]) / det;
        return true;
    }

    private static GoodhartFlag ToFlag(EdgeTest t)
    {
        string feature = t.Curve.Feature;
        string at = t.At.ToString("G6", CultureInfo.InvariantCulture);
        string dir = t.Jump > 0 ? "rises" : "falls";
        string against = t.OpposesTrend ? ", against the trend around it" : "";
        string cut = t.Cutoff is null ? "" : $" (a known treatment cut-off, {t.Cutoff})";
        string message =
            $"Modelled risk {dir} abruptly at {feature} {at}{cut} by {Math.Abs(t.Jump):0.00} log-odds " +
            $"(95% CI {t.Low:0.00} to {t.High:0.00}){against}; this likely reflects treatment given at that value, " +
            "not the biomarker's underlying risk.";
        return new GoodhartFlag
        {
            Feature = feature,
            Kind = GoodhartKind.Threshold,
            At = t.At,
            Edge = t.Edge,
            RangeLow = t.WindowLow,
            RangeHigh = t.WindowHigh,
            Effect = t.Jump,
            EffectLow = t.Low,
            EffectHigh = t.High,
            Z = t.Z,
            P = t.P,
            Q = t.Q,
            SamplesLeft = t.SamplesLeft,
            SamplesRight = t.SamplesRight,
            OpposesTrend = t.OpposesTrend,
            Cutoff = t.Cutoff,
            Score = t.Rank,
            Message = message,
        };
    }

    internal sealed record EdgeTest(ShapeCurve Curve, int Index, double Edge, double At, string? Cutoff, double Jump,
        double Low, double High, double Z, double P, double Prior, double SamplesLeft, double SamplesRight,
        bool OpposesTrend, double WindowLow, double WindowHigh)
    {
        public double Q { get; set; } = 1;
        /// <summary>Evidence weighted by the prior: -log10 of the weighted p-value.</summary>
        public double Rank => -Math.Log10(Math.Max(P / Prior, 1e-300));
    }
}
