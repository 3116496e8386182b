using System.Collections.Concurrent;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Diagnostics.Goodhart;

using EdgeTest = ThresholdDiscontinuityDetector.EdgeTest;

/// <summary>Tests the edges of one numeric term for a jump (see <see cref="ThresholdDiscontinuityDetector"/>).</summary>
internal sealed class EdgeTester
{
    /// <summary>Share of a block's error rate spent on its library cut-off edge (the rest on the searched edge).</summary>
    internal const double CutoffShare = 0.9;

    private readonly CutoffMatch? _match;
    private readonly GoodhartOptions _options;
    private readonly TermRows? _rows;
    private readonly Objective _objective;
    private readonly double _target;
    private readonly double _scale;
    private readonly double _bagVarianceScale;
    private readonly RdBandwidth? _bandwidth;
    private readonly ConcurrentDictionary<int, RdBandwidth.Choice?> _bandwidths = new();

    private readonly IReadOnlyList<DensityCandidateScan.Candidate> _densityCuts;

    public EdgeTester(ShapeCurve curve, CutoffMatch? match, GoodhartOptions options, TermRows? rows, Objective objective,
        IReadOnlyList<DensityCandidateScan.Candidate>? densityCuts = null)
    {
        _densityCuts = densityCuts ?? [];
        Curve = curve;
        _match = match;
        _options = options;
        _rows = rows;
        _objective = objective;
        _target = Math.Max(options.MinimumSideSamples, options.WindowFraction * curve.TotalWeight);
        _scale = Math.Max(curve.Quantile(0.9) - curve.Quantile(0.1), 1e-12);
        _bagVarianceScale = BagVarianceScale();
        _bandwidth = rows is null ? null : RdBandwidth.Create(rows, objective);
    }

    /// <summary>
    /// The data-driven bandwidth at edge e: MSE-optimal (<see cref="RdBandwidth"/>), raised to the floor of the sample
    /// window (<see cref="GoodhartOptions.WindowFraction"/> of the patients on each side, and the events floor) where it
    /// is narrower. Null when its pilot fits fail; the test then uses the sample window unweighted.
    /// </summary>
    private RdBandwidth.Choice? Bandwidth(int e) => _bandwidth is null ? null
        : _bandwidths.GetOrAdd(e, i => _bandwidth.Select(Curve.EdgeAfter(i), _target, _options.MinimumSideSamples, _options.MinimumSideEvents));

    public ShapeCurve Curve { get; }
    public Objective Objective => _objective;

    /// <summary>Variance inflation of the data-based test from placebo cut-offs (<see cref="PlaceboCalibration"/>); 1 by default.</summary>
    public double Inflation { get; set; } = 1;

    /// <summary>
    /// z of the data-based test at placebo cut-offs: the edges nearest the 10%, 15%, ..., 90% points of the biomarker's
    /// patients, each moved to the nearest edge that is neither a library cut-off nor a coarse round number and has no
    /// library cut-off within its window (where a clinician would act, a real jump may sit). Chosen without looking at
    /// the outcome; a real jump inside a placebo's window only moves a few of them, which the median ignores.
    /// </summary>
    public List<double> PlaceboZ()
    {
        var z = new List<double>();
        if (_rows is null) return z;
        var candidates = new List<int>();
        var cutoffs = new List<double>();
        for (int e = 0; e < Curve.Count - 1; e++)
        {
            var (at, grain, cutoff, density) = Place(e);
            if (!double.IsNaN(cutoff) || density is not null) cutoffs.Add(at);
            else if (!(ThresholdDiscontinuityDetector.Prior(cutoff, grain / _scale) >= 4)) candidates.Add(e);
        }
        var points = Enumerable.Range(2, 17).Select(k => k / 20.0).ToArray();
        double total = Curve.TotalWeight, cumulative = 0;
        int next = 0;
        var chosen = new HashSet<int>();
        for (int e = 0; e < Curve.Count - 1 && next < points.Length; e++)
        {
            cumulative += Curve.Weight[e];
            if (cumulative < points[next] * total) continue;
            while (next < points.Length && cumulative >= points[next] * total) next++;
            foreach (int c in candidates.OrderBy(c => Math.Abs(c - e)).Take(10))
            {
                var (left, _) = Extend(c, -1);
                var (right, _) = Extend(c + 1, +1);
                double low = Curve.Lower[left], high = Curve.Upper[right];
                if (cutoffs.Any(a => a > low && a < high)) continue;
                if (!chosen.Add(c)) break;
                var t = Test(c, c, c);
                if (t is not null && double.IsFinite(t.Z) && t.Z != 0) z.Add(t.Z);
                break;
            }
        }
        return z;
    }

    /// <summary>Edges whose local fit failed its checks, with the reason (listed as "not testable", never flagged).</summary>
    public SortedDictionary<double, string> Untestable { get; } = new();

    /// <summary>One test per block of edges, at the block's most clinical edge.</summary>
    public List<EdgeTest> TestBlocks()
    {
        var result = new List<EdgeTest>();
        double spacing = _target / 4, weight = 0;
        int first = -1;
        for (int e = 0; e < Curve.Count - 1; e++)
        {
            if (first < 0) first = e;
            weight += Curve.Weight[e + 1];
            if (weight >= spacing || e == Curve.Count - 2)
            {
                var test = TestBlock(first, e);
                if (test is not null) result.Add(test);
                first = -1;
                weight = 0;
            }
        }
        return result;
    }

    /// <summary>The strongest edge of a significant block (and its neighbours within half a block).</summary>
    public EdgeTest Localise(EdgeTest block)
    {
        var best = block;
        for (int e = block.BlockFirst; e <= block.BlockLast; e++)
        {
            if (e == block.Index) continue;
            var t = Test(e, block.BlockFirst, block.BlockLast);
            if (t is not null && Math.Abs(t.Z) > Math.Abs(best.Z)) best = t with { Searched = true };
        }
        // Keep the block's adjusted p-value: the localisation is a choice of place, not a new test.
        return best with { P = block.P, Prior = block.Prior };
    }

    /// <summary>
    /// A block is tested at two edges, splitting its share of the error rate (weighted Bonferroni): the edge a
    /// clinician would act at (library cut-off, else roundest number) and the edge where the shape function jumps
    /// most across bags (times the block size, since it is chosen by looking). A library cut-off is a hypothesis
    /// stated before the data were seen, so it keeps 90% of the block's share (factor 1/0.9, the searched edge
    /// 1/0.1); a round number is a weaker guess and shares evenly (factor 2 each).
    /// </summary>
    private EdgeTest? TestBlock(int first, int last)
    {
        int clinical = -1, shaped = -1;
        double clinicalKey = double.NegativeInfinity, shapedRank = double.NegativeInfinity;
        for (int e = first; e <= last; e++)
        {
            var (_, grain, cutoff, density) = Place(e);
            // A library cut-off first, then a cut where the recorded values heap or bunch, then the roundest number.
            double key = (!double.IsNaN(cutoff) ? 1e6 : density is not null ? 5e5 : 0) + (double.IsNaN(grain) ? 0 : Math.Log10(grain / _scale) + 100);
            if (key > clinicalKey) (clinical, clinicalKey) = (e, key);
            var bag = Test(e, first, last, bagOnly: true);
            if (bag is not null && bag.Rank > shapedRank) (shaped, shapedRank) = (e, bag.Rank);
        }
        int m = last - first + 1;
        double clinicalShare = clinicalKey >= 5e5 ? CutoffShare : 0.5;
        var a = Test(clinical, first, last);
        var b = shaped >= 0 && shaped != clinical ? Test(shaped, first, last) : null;
        a = a is null ? null : a with { P = Math.Min(1, a.P / clinicalShare) };
        b = b is null ? null : b with { P = Math.Min(1, m * b.P / (1 - clinicalShare)), Searched = true };
        if (a is null) return b;
        if (b is null) return a;
        return b.Rank > a.Rank ? b : a;
    }

    /// <summary>
    /// The bias-corrected robust 95% CI of a data-tested edge (local quadratic, triangular kernel; see
    /// <see cref="LocalDiscontinuityFit"/>), or the reason it cannot be had. Asked only of candidate flags.
    /// </summary>
    public (double Jump, double Low, double High, string? Problem) Robust(EdgeTest t)
    {
        if (_rows is null) return (t.Jump, t.Low, t.High, null);
        const double z975 = 1.959963984540054;
        if (_bandwidth is not null && double.IsFinite(t.Bandwidth))
        {
            // rdrobust's robust CI: the jump at h minus its estimated bias (local quadratics at b), with a standard error
            // that counts the noise of the bias estimate.
            if (t.BandwidthChoice is not { } choice || _bandwidth.BiasCorrection(t.Edge, choice) is not { } bc)
                return (double.NaN, double.NaN, double.NaN, "the bias-correction fits are singular");
            double corrected = t.Jump - bc.Bias;
            return (corrected, corrected - z975 * bc.RobustSe, corrected + z975 * bc.RobustSe, null);
        }
        // Pilot (bias) bandwidth equal to the main one (rdrobust's rho = 1).
        var (left, _) = Extend(t.Index, -1);
        var (right, _) = Extend(t.Index + 1, +1);
        var (start, end) = _rows.RowsOfCurveBins(left, right);
        double width = Math.Max(Curve.Upper[right] - Curve.Lower[left], 1e-12);
        var fit = LocalDiscontinuityFit.Fit(_objective, _rows, start, end, t.Edge, width, _options.MinimumSideEvents, robust: true);
        if (fit is not { } r) return (double.NaN, double.NaN, double.NaN, "the robust local fit had too few rows");
        if (r.Problem is not null) return (double.NaN, double.NaN, double.NaN, r.Problem);
        if (!double.IsFinite(r.JumpSe)) return (double.NaN, double.NaN, double.NaN, "too few events on a side for the robust local fit");
        return (r.Jump, r.Jump - z975 * r.JumpSe, r.Jump + z975 * r.JumpSe, null);
    }

    /// <summary>The term's recorded values (missing left out), ascending; null without the cohort.</summary>
    public double[]? RecordedValuesSorted()
    {
        if (_rows is null) return null;
        var values = _rows.Value.Where(double.IsFinite).ToArray();
        Array.Sort(values);
        return values;
    }

    /// <summary>Change on the response scale for a jump on the link scale at this edge's average patient.</summary>
    public double RiskAt(EdgeTest t, double jump) => double.IsFinite(t.BaseLink) && double.IsFinite(jump)
        ? LocalDiscontinuityFit.Inverse(_objective, t.BaseLink + jump) - LocalDiscontinuityFit.Inverse(_objective, t.BaseLink)
        : double.NaN;

    /// <summary>Where edge e is reported and why: a library cut-off, else a cut where the recorded values heap or bunch
    /// (<see cref="DensityCandidateScan"/>), else the roundest number between the neighbouring bins, else the edge.</summary>
    private (double At, double Grain, double Cutoff, DensityCandidateScan.Candidate? Density) Place(int e)
    {
        double edge = Curve.EdgeAfter(e);
        double lo = Curve.X[e], hi = Curve.X[e + 1];
        double cutoff = _match?.CutoffWithin(lo, hi, edge) ?? double.NaN;
        var density = _densityCuts.Where(c => c.At >= lo && c.At <= hi).MinBy(c => Math.Abs(c.At - edge));
        var (round, grain) = RoundNumbers.Roundest(lo, hi, edge);
        double at = !double.IsNaN(cutoff) ? cutoff : density is not null ? density.At : !double.IsNaN(round) && grain / _scale >= 0.02 ? round : edge;
        return (at, grain, cutoff, density);
    }

    private EdgeTest? Test(int e, int blockFirst, int blockLast, bool bagOnly = false)
    {
        var (left, wl) = Extend(e, -1);
        var (right, wr) = Extend(e + 1, +1);
        if (wl < _options.MinimumSideSamples || wr < _options.MinimumSideSamples || right - left < 2) return null;
        double edge = Curve.EdgeAfter(e);
        var (shapeJump, shapeVar) = ShapeJump(left, e, right, edge);
        if (double.IsNaN(shapeJump)) return null;

        double jump, se, df;
        int trend;
        LocalDiscontinuityFit.Result? local = null;
        RdBandwidth.Choice? bandwidth = null;
        if (_rows is not null && !bagOnly)
        {
            bandwidth = Bandwidth(e);
            LocalDiscontinuityFit.Result? fit;
            if (bandwidth is { } bw)
            {
                // Every bin that can hold a value within h of the edge; the fit keeps the rows inside and weighs them.
                int lo = e, hi = e + 1;
                while (lo > 0 && Curve.Lower[lo] > edge - bw.Below) lo--;
                while (hi < Curve.Count - 1 && Curve.Upper[hi] < edge + bw.Above) hi++;
                var (start, end) = _rows.RowsOfCurveBins(lo, hi);
                fit = LocalDiscontinuityFit.Fit(_objective, _rows, start, end, edge, bw.Below + bw.Above, _options.MinimumSideEvents,
                    bandwidth: (bw.Below, bw.Above));
            }
            else
            {
                var (start, end) = _rows.RowsOfCurveBins(left, right);
                double width = Math.Max(Curve.Upper[right] - Curve.Lower[left], 1e-12);
                fit = LocalDiscontinuityFit.Fit(_objective, _rows, start, end, edge, width, _options.MinimumSideEvents);
            }
            if (fit is not { } r || !(r.JumpSe > 0)) return null;
            if (r.Problem is not null) lock (Untestable) Untestable[edge] = r.Problem;
            local = r;
            // The placebo-calibrated standard error (inflation 1 until the placebos are in).
            (jump, se, df) = (r.Jump, r.JumpSe * Math.Sqrt(Inflation), double.PositiveInfinity);
            (wl, wr) = (r.Left, r.Right);
            trend = Math.Abs(r.Trend) >= 2 * r.TrendSe ? Math.Sign(r.Trend) : 0;
        }
        else
        {
            // Moderated bag variance (limma-style): the term's typical variance for this window size, worth 4x the bags.
            double d = Curve.BagCount - 1, d0 = 4 * d;
            double prior = _bagVarianceScale * (1 / wl + 1 / wr);
            se = Math.Max(Math.Sqrt((d * shapeVar + d0 * prior) / (d + d0)) * _options.BagSpreadToStandardError, 1e-12);
            (jump, df) = (shapeJump, d + d0);
            trend = BagTrend(e, edge);
        }
        double z = jump / se;
        double p = Statistics.StudentTwoSidedP(z, df);
        double tCrit = Statistics.StudentQuantile975(df);
        bool opposes = trend != 0 && Math.Sign(jump) != trend;
        var (at, grain, cutoff, density) = Place(e);
        double weight = ThresholdDiscontinuityDetector.Prior(cutoff, grain / _scale, density is not null) * (trend == 0 ? 1 : opposes ? 2 : 0.25);
        double low = jump - tCrit * se, high = jump + tCrit * se;
        return new EdgeTest(this, e, blockFirst, blockLast, edge, at, double.IsNaN(cutoff) ? null : _match!.Describe(cutoff),
            jump, low, high, z, p, weight, wl, wr, opposes, Curve.Lower[left], Curve.Upper[right],
            shapeJump)
        {
            BaseLink = local?.BaseLink ?? double.NaN,
            RiskChange = local?.Change(_objective, jump) ?? double.NaN,
            RiskChangeLow = local?.Change(_objective, low) ?? double.NaN,
            RiskChangeHigh = local?.Change(_objective, high) ?? double.NaN,
            Grain = grain,
            BandwidthChoice = bandwidth,
            DensitySource = density,
        };
    }

    private (int Index, double Weight) Extend(int start, int step, double? target = null)
    {
        double goal = target ?? _target;
        int i = start;
        double w = Curve.Weight[i];
        while (w < goal && i + step >= 0 && i + step < Curve.Count) { i += step; w += Curve.Weight[i]; }
        return (i, w);
    }

    /// <summary>The shape function's jump at the edge against a local line (mean over bags) and its variance across bags.</summary>
    private (double Jump, double Variance) ShapeJump(int left, int e, int right, double edge)
    {
        if (!LocalStepFit(left, e, right, edge, out var jumpCoef, out _)) return (double.NaN, double.NaN);
        var perBag = Apply(left, right, jumpCoef);
        var (mean, sd) = Statistics.MeanSd(perBag);
        return (mean, sd * sd);
    }

    /// <summary>Trend of the shape over a window three times as wide, judged across bags.</summary>
    private int BagTrend(int e, double edge)
    {
        var (l, _) = Extend(e, -1, 3 * _target);
        var (r, _) = Extend(e + 1, +1, 3 * _target);
        if (!LocalStepFit(l, e, r, edge, out _, out var slopeCoef)) return 0;
        var (slope, sd) = Statistics.MeanSd(Apply(l, r, slopeCoef));
        return Math.Abs(slope) >= 2 * sd * _options.BagSpreadToStandardError ? Math.Sign(slope) : 0;
    }

    /// <summary>Median over edges of the bag variance of the jump per (1/wl + 1/wr): the term's typical noise level.</summary>
    private double BagVarianceScale()
    {
        var values = new List<double>();
        for (int e = 0; e < Curve.Count - 1; e++)
        {
            var (left, wl) = Extend(e, -1);
            var (right, wr) = Extend(e + 1, +1);
            if (wl < _options.MinimumSideSamples || wr < _options.MinimumSideSamples || right - left < 2) continue;
            var (_, variance) = ShapeJump(left, e, right, Curve.EdgeAfter(e));
            if (!double.IsNaN(variance)) values.Add(variance / (1 / wl + 1 / wr));
        }
        if (values.Count == 0) return 0;
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    private double[] Apply(int left, int right, double[] coef)
    {
        var perBag = new double[Curve.BagCount];
        for (int b = 0; b < perBag.Length; b++)
        {
            double v = 0;
            var y = Curve.Bags[b];
            for (int i = left; i <= right; i++) v += coef[i - left] * y[i];
            perBag[b] = v;
        }
        return perBag;
    }

    /// <summary>
    /// Coefficients turning the window's bin scores into (a) the step at the edge and (b) the common slope of
    /// y = a + slope (x - edge) + step [x &gt;= edge], by weighted least squares with bin weights. Linear in the scores,
    /// so each bag costs one dot product.
    /// </summary>
    private bool LocalStepFit(int left, int e, int right, double edge, out double[] jumpCoef, out double[] slopeCoef)
    {
        int n = right - left + 1;
        jumpCoef = new double[n];
        slopeCoef = new double[n];
        double width = Math.Max(Curve.Upper[right] - Curve.Lower[left], 1e-12);
        var m = new double[3, 3];
        for (int i = left; i <= right; i++)
        {
            double w = Curve.Weight[i];
            if (w <= 0) continue;
            double u = (Curve.X[i] - edge) / width, r = i > e ? 1 : 0;
            double[] v = [1, u, r];
            for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) m[a, b] += w * v[a] * v[b];
        }
        var inv = OffsetGlm.Invert(m);
        if (inv is null) return false;
        for (int i = left; i <= right; i++)
        {
            double w = Curve.Weight[i];
            if (w <= 0) continue;
            double u = (Curve.X[i] - edge) / width, r = i > e ? 1 : 0;
            jumpCoef[i - left] = w * (inv[2, 0] + inv[2, 1] * u + inv[2, 2] * r);
            slopeCoef[i - left] = w * (inv[1, 0] + inv[1, 1] * u + inv[1, 2] * r);
        }
        return true;
    }
}
