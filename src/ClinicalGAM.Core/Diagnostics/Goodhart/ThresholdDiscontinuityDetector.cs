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
    public string Name => "threshold";

    public IReadOnlyList<GoodhartFlag> Detect(GoodhartContext context, CancellationToken cancellationToken = default)
    {
        var options = context.Options;
        var tests = new List<EdgeTest>();
        foreach (var term in context.Model.Terms)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var curve = ShapeCurve.TryCreate(term);
            if (curve is null) continue;
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

    /// <summary>All edges of one numeric term with enough samples on both sides.</summary>
    internal static List<EdgeTest> TestEdges(ShapeCurve curve, CutoffMatch? match, GoodhartOptions options)
    {
        var result = new List<EdgeTest>();
        int k = curve.Count;
        double total = curve.TotalWeight;
        double target = Math.Max(options.MinimumSideSamples, options.WindowFraction * total);
        double scale = Math.Max(curve.Quantile(0.9) - curve.Quantile(0.1), 1e-12);
        int bags = curve.BagCount;
        var jumps = new double[bags];
        var slopes = new double[bags];
        double df = bags - 1;
        double tCrit = Statistics.StudentQuantile975(df);

        for (int e = 0; e < k - 1; e++)
        {
            // Window: bins leftwards from e and rightwards from e+1 until each side holds `target` samples.
            int left = e; double wl = curve.Weight[e];
            while (left > 0 && wl < target) wl += curve.Weight[--left];
            int right = e + 1; double wr = curve.Weight[e + 1];
            while (right < k - 1 && wr < target) wr += curve.Weight[++right];
            if (wl < options.MinimumSideSamples || wr < options.MinimumSideSamples) continue;
            if (right - left < 2) continue;

            double edge = curve.EdgeAfter(e);
            if (!LocalStepFit(curve, left, e, right, edge, out var jumpCoef, out var slopeCoef)) continue;
            for (int b = 0; b < bags; b++)
            {
                double j = 0, s = 0;
                var y = curve.Bags[b];
                for (int i = left; i <= right; i++) { j += jumpCoef[i - left] * y[i]; s += slopeCoef[i - left] * y[i]; }
                jumps[b] = j;
                slopes[b] = s;
            }
            var (jump, jumpSd) = Statistics.MeanSd(jumps);
            var (slope, slopeSd) = Statistics.MeanSd(slopes);
            double se = Math.Max(jumpSd * options.BagSpreadToStandardError, 1e-12);
            double z = jump / se;
            double p = Statistics.StudentTwoSidedP(z, df);
            double slopeZ = slope / Math.Max(slopeSd * options.BagSpreadToStandardError, 1e-12);

            // Trend over the window, in log-odds per window width: is the jump with it or against it?
            int trend = Math.Abs(slopeZ) >= 2 ? Math.Sign(slope) : 0;
            bool opposes = trend != 0 && Math.Sign(jump) != trend;

            // Where a clinician would have put this threshold: a library cut-off or the roundest number between
            // the two neighbouring bins' midpoints (bin edges sit at data quantiles, not at the round number).
            double lo = curve.X[e], hi = curve.X[e + 1];
            double cutoff = match?.CutoffWithin(lo, hi, edge) ?? double.NaN;
            var (round, grain) = RoundNumbers.Roundest(lo, hi, edge);
            double at = !double.IsNaN(cutoff) ? cutoff : !double.IsNaN(round) && grain / scale >= 0.02 ? round : edge;

            double prior = Prior(cutoff, grain / scale) * (trend == 0 ? 1 : opposes ? 2 : 0.25);
            result.Add(new EdgeTest(curve, e, edge, at, double.IsNaN(cutoff) ? null : match!.Describe(cutoff), jump,
                jump - tCrit * se, jump + tCrit * se, z, p, prior, wl, wr, opposes,
                curve.Lower[left], curve.Upper[right]));
        }
        return result;
    }

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
