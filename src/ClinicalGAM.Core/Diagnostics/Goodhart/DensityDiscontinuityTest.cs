using System.Globalization;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>
/// How the recorded values behave at a cut-off, in the spirit of McCrary (2008) and rddensity (Cattaneo, Jansson and
/// Ma): (1) heaping, the count exactly at the cut against the other values of its grain (140 against 110, 120, 130,
/// 160 ...: clinicians round readings, and rounding *to the treatment threshold* more than to other round numbers is
/// the signature), each relative to its plain neighbours on the recording grid, with a between-value variance; (2)
/// bunching, a jump in the density of values just across the cut: counts of the grid values that carry the smooth
/// density (<see cref="RecordingGrid"/>; heaped round numbers left out) within a data-driven bandwidth h
/// (<see cref="DensityBandwidth"/>), a triangular-kernel local-linear Poisson fit on each side (Firth-penalised,
/// checked, sandwich standard error; local quadratics at the same h must agree), the jump in log density at the cut, the
/// cut's own value left out (a donut) so
/// heaping does not pose as bunching. Either is a Goodhart signature: readings moved to, or away from, the value that
/// triggers care.
/// </summary>
public static class DensityDiscontinuityTest
{
    /// <summary>The result at one cut. LogJump is log(density just above / just below); NaN fields were not estimable.
    /// HeapRatio is the readings at the cut over its neighbours' level, relative to the same ratio at the other values of
    /// <see cref="PeerGrain"/>.</summary>
    public sealed record Result(double At, double Precision, double HeapRatio, double HeapZ, double LogJump, double Low,
        double High, double Z, double P, string? Problem)
    {
        /// <summary>Two-sided p-value of the heaping test; NaN when not estimable.</summary>
        public double HeapP { get; init; } = double.NaN;
        /// <summary>The grain of the values the cut's heaping is compared with (10 for 140: 110, 120, 130, 160, ...).</summary>
        public double PeerGrain { get; init; } = double.NaN;
        /// <summary>95% CI of the log jump from local quadratics at the same bandwidth (robust to curvature); NaN when
        /// that fit failed. Z and P are the intersection-union test of both fits.</summary>
        public double RobustLow { get; init; } = double.NaN;
        public double RobustHigh { get; init; } = double.NaN;
        /// <summary>The data-driven bandwidth of the density fit (value units); NaN when not estimated.</summary>
        public double Bandwidth { get; init; } = double.NaN;
        /// <summary>Density around the cut for a small histogram: bin centres and readings per grid value.</summary>
        public double[] BinCentres { get; init; } = [];
        public double[] BinLevels { get; init; } = [];

        /// <summary>True when either signature is clear (|z| &gt;= 3 and a ratio of at least 1.25 either way).</summary>
        public bool Signals => HeapSignals || BunchSignals;

        public bool HeapSignals => double.IsFinite(HeapZ) && Math.Abs(HeapZ) >= 3 && (HeapRatio >= 1.25 || HeapRatio <= 0.8);

        public bool BunchSignals => double.IsFinite(Z) && Math.Abs(Z) >= 3 && Math.Abs(LogJump) >= Math.Log(1.1);

        public string Message
        {
            get
            {
                string peers = double.IsFinite(PeerGrain) && PeerGrain > Precision
                    ? string.Create(CultureInfo.InvariantCulture, $"other multiples of {PeerGrain:G6}") : "its neighbours";
                string heap = double.IsFinite(HeapRatio)
                    ? string.Create(CultureInfo.InvariantCulture, $"{HeapRatio:0.0}x as many readings exactly at {At:G6} as at {peers} (z {HeapZ:0.0}{(double.IsFinite(HeapP) ? $", p {Format(HeapP)}" : "")})")
                    : "no heaping estimate";
                string bunch = Problem is not null ? $"density jump not testable ({Problem})"
                    : string.Create(CultureInfo.InvariantCulture,
                        $"density {(LogJump >= 0 ? "higher" : "lower")} just above than just below by {100 * (Math.Exp(LogJump) - 1):+0;-0}% (95% CI {100 * (Math.Exp(Low) - 1):0} to {100 * (Math.Exp(High) - 1):0}%, z {Z:0.0}, p {Format(P)}{Within})");
                return $"{heap}; {bunch}.";
            }
        }

        private string Within => double.IsFinite(Bandwidth)
            ? string.Create(CultureInfo.InvariantCulture, $", readings within {Bandwidth:G3} of the cut") : "";

        private static string Format(double p) => !double.IsFinite(p) ? "n/a"
            : p < 0.001 ? p.ToString("0.0e+0", CultureInfo.InvariantCulture) : p.ToString("0.###", CultureInfo.InvariantCulture);
    }

    /// <summary>The recording grid of a column: the largest of 10^k (k from 3 down to -6) all values are multiples of.</summary>
    public static double Precision(IReadOnlyList<double> values)
    {
        int step = Math.Max(1, values.Count / 2000);
        for (int k = 3; k >= -6; k--)
        {
            double g = Math.Pow(10, k);
            bool all = true;
            for (int i = 0; i < values.Count && all; i += step)
            {
                double r = values[i] / g;
                all = Math.Abs(r - Math.Round(r)) < 1e-6 * Math.Max(1, Math.Abs(r));
            }
            if (all) return g;
        }
        return 1e-6;
    }

    /// <param name="sorted">Finite recorded values, ascending.</param>
    /// <param name="cut">The cut-off.</param>
    public static Result? Test(double[] sorted, double cut) => sorted.Length < 200 ? null : Test(new RecordingGrid(sorted), cut);

    public static Result? Test(RecordingGrid grid, double cut)
    {
        if (grid.Count < 200) return null;
        double p = grid.Precision;
        bool onGrid = Math.Abs(grid.Snap(cut) - cut) < 1e-6 * p;
        var (heapRatio, heapZ, heapDf, peerGrain) = onGrid ? Heap(grid, cut) : (double.NaN, double.NaN, double.NaN, double.NaN);
        var result = new Result(cut, p, heapRatio, heapZ, double.NaN, double.NaN, double.NaN, double.NaN, 1, null)
        {
            // Student's t on the peers' degrees of freedom: the between-value variance rests on a handful of peers.
            HeapP = double.IsFinite(heapZ) ? Statistics.StudentTwoSidedP(heapZ, heapDf) : double.NaN,
            PeerGrain = peerGrain,
        };
        double h = DensityBandwidth.Select(grid, cut);
        if (!double.IsFinite(h)) return result with { Problem = "too few values on a side for a bandwidth" };
        // Floor: 8 grid values and 100 readings on the thinner side.
        h = Math.Max(h, 8 * p);
        double reach = Math.Min(cut - grid.Quantile(0.005), grid.Quantile(0.995) - cut);
        while ((grid.CountBetween(cut - h, cut) < 100 || grid.CountBetween(cut + p, cut + h) < 100) && h < reach) h *= 1.25;
        if (h > reach) h = Math.Max(reach, 8 * p);
        return Bunching(grid, cut, h, onGrid, result);
    }

    private static Result Bunching(RecordingGrid grid, double cut, double h, bool onGrid, Result result)
    {
        double p = grid.Precision;
        int steps = Math.Max(1, (int)Math.Round(h / (25 * p)));
        double firstAbove = onGrid ? cut + p : grid.Snap(Math.Ceiling(cut / p) * p);
        double firstBelow = onGrid ? cut - p : grid.Snap(Math.Floor(cut / p) * p);
        var count = new List<double>(); var offset = new List<double>(); var kernel = new List<double>();
        var one = new List<double>(); var left = new List<double>(); var right = new List<double>(); var step = new List<double>();
        var left2 = new List<double>(); var right2 = new List<double>();
        var centres = new List<double>(); var levels = new List<double>();
        foreach (int side in new[] { -1, +1 })
        {
            double start = side < 0 ? firstBelow : firstAbove;
            for (; Math.Abs(start - cut) < h; start += side * steps * p)
            {
                double c = 0, kept = 0, centre = 0;
                for (int j = 0; j < steps; j++)
                {
                    double v = grid.Snap(start + side * j * p);
                    if (Math.Abs(v - cut) >= h || !grid.IsKept(v)) continue;
                    c += grid.CountAt(v);
                    kept++;
                    centre += v;
                }
                if (kept == 0) continue;
                double u = (centre / kept - cut) / h;
                count.Add(c); offset.Add(Math.Log(kept)); kernel.Add(Math.Max(1 - Math.Abs(u), 0.0));
                one.Add(1); left.Add(side < 0 ? u : 0); right.Add(side > 0 ? u : 0); step.Add(side > 0 ? 1 : 0);
                left2.Add(side < 0 ? u * u : 0); right2.Add(side > 0 ? u * u : 0);
                centres.Add(centre / kept); levels.Add(c / kept);
            }
        }
        var order = Enumerable.Range(0, centres.Count).OrderBy(i => centres[i]).ToArray();
        result = result with { Bandwidth = h, BinCentres = order.Select(i => centres[i]).ToArray(), BinLevels = order.Select(i => levels[i]).ToArray() };
        if (left.Count(v => v != 0) < 4 || right.Count(v => v != 0) < 4)
            return result with { Problem = "too few distinct values near the cut" };
        var y = count.ToArray(); var off = offset.ToArray(); var w = kernel.ToArray();
        double[][] x = [one.ToArray(), left.ToArray(), right.ToArray(), step.ToArray()];
        var fit = PenalisedGlm.Fit(Objective.Poisson, y, off, x, w, 3, 2.5, 50);
        if (fit.Problem is not null) return result with { Problem = fit.Problem };
        double se = SandwichSe(fit.Beta, x, off, w, 3);
        if (!(se > 0) || !double.IsFinite(se)) return result with { Problem = "the density fit's standard error is not estimable" };
        double jump = fit.Beta[3];
        const double z975 = 1.959963984540054;
        result = result with
        {
            LogJump = jump, Low = jump - z975 * se, High = jump + z975 * se, Z = jump / se, P = Statistics.NormalTwoSidedP(jump / se),
        };
        // The robust check: local quadratics on each side at the same h (rddensity's default order; rdrobust's robust CI
        // with the pilot bandwidth equal to h). A curved or two-humped density (ferritin's anaemic and normal modes
        // around 25) bends a local line into a "jump" (41%, z 4.2 on the 50,000-row sample cohort) that the quadratic
        // does not show. So the test is intersection-union: both fits must show the jump, the p-value is the larger of the
        // two and z the smaller in size (a valid, conservative level-alpha test; on 10 cohorts of ferritin-like two-humped
        // values the local line alone gave |z| up to 5.3 at round numbers, the pair at most 2.6).
        double[][] x2 = [one.ToArray(), left.ToArray(), right.ToArray(), left2.ToArray(), right2.ToArray(), step.ToArray()];
        var fit2 = PenalisedGlm.Fit(Objective.Poisson, y, off, x2, w, 5, 2.5, 50);
        double se2 = fit2.Problem is null ? SandwichSe(fit2.Beta, x2, off, w, 5) : double.NaN;
        if (!(double.IsFinite(se2) && se2 > 0))
            return result with { Problem = "the local quadratic density fit failed its checks" };
        double z2 = fit2.Beta[5] / se2, z1 = jump / se;
        double zBoth = Math.Sign(z1) != Math.Sign(z2) ? 0 : Math.Abs(z1) <= Math.Abs(z2) ? z1 : z2;
        return result with
        {
            RobustLow = fit2.Beta[5] - z975 * se2, RobustHigh = fit2.Beta[5] + z975 * se2,
            Z = zBoth, P = Math.Max(Statistics.NormalTwoSidedP(z1), Statistics.NormalTwoSidedP(z2)),
        };
    }

    /// <summary>
    /// Standard error of coefficient c of a kernel-weighted Poisson fit: I^-1 M I^-1 with I = sum k mu x x' and
    /// M = sum k^2 mu x x' (the kernel is a weight on the likelihood, not a frequency).
    /// </summary>
    private static double SandwichSe(double[] beta, double[][] x, double[] offset, double[] kernel, int c)
    {
        int q = x.Length, n = offset.Length;
        var info = new double[q, q];
        var meat = new double[q, q];
        for (int i = 0; i < n; i++)
        {
            double eta = offset[i];
            for (int a = 0; a < q; a++) eta += beta[a] * x[a][i];
            double mu = Math.Exp(eta);
            for (int a = 0; a < q; a++)
                for (int b = 0; b < q; b++)
                {
                    info[a, b] += kernel[i] * mu * x[a][i] * x[b][i];
                    meat[a, b] += kernel[i] * kernel[i] * mu * x[a][i] * x[b][i];
                }
        }
        var inv = OffsetGlm.Invert(info);
        if (inv is null) return double.NaN;
        double v = 0;
        for (int a = 0; a < q; a++) for (int b = 0; b < q; b++) v += inv[c, a] * meat[a, b] * inv[b, c];
        return Math.Sqrt(Math.Max(v, 0));
    }

    /// <summary>
    /// Heaping at the cut relative to its peers: for each value, log(readings at it / mean readings at its plain
    /// neighbours); the cut's against the peers' (the other values of its grain, relaxed to finer grains until there are
    /// at least 8; a heaped value only to heaped grains, at least 3), with a DerSimonian-Laird between-value variance so ordinary digit preference is not read as a
    /// signal. Returns the ratio (exp of the difference), its z, the peers' degrees of freedom and grain.
    /// </summary>
    private static (double Ratio, double Z, double Df, double PeerGrain) Heap(RecordingGrid grid, double cut)
    {
        var (lc, vc) = LogExcess(grid, cut);
        if (!double.IsFinite(lc)) return (double.NaN, double.NaN, double.NaN, double.NaN);
        double p = grid.Precision, top = grid.TopGrain(cut), lo = grid.Quantile(0.02), hi = grid.Quantile(0.98);
        var grains = new List<double> { top };
        for (double g = top; g > p * 1.5;) { g = Finer(g, p); grains.Add(g); }
        foreach (double g in grains)
        {
            var peers = new List<(double L, double V)>();
            foreach (int side in new[] { -1, +1 })
            {
                int found = 0;
                for (int k = 1; found < 15 && k < 2000; k++)
                {
                    double v = grid.Snap(cut + side * k * g);
                    if (v < lo || v > hi) break;
                    double tg = grid.TopGrain(v);
                    if (tg < g || tg > top) continue;
                    var (l, var) = LogExcess(grid, v);
                    if (!double.IsFinite(l)) continue;
                    peers.Add((l, var));
                    found++;
                }
            }
            // Enough peers for the between-value variance; a heaped value is compared with heaped values only.
            bool last = g <= p * 1.5 || (top >= grid.HeapedGrain && Finer(g, p) < grid.HeapedGrain);
            if (peers.Count < (last ? 3 : 8)) continue;
            // DerSimonian-Laird: the between-value variance tau^2 of the peers' log excess.
            double sw = peers.Sum(e => 1 / e.V), mean = peers.Sum(e => e.L / e.V) / sw;
            double qStat = peers.Sum(e => (e.L - mean) * (e.L - mean) / e.V);
            double tau2 = Math.Max(0, (qStat - (peers.Count - 1)) / (sw - peers.Sum(e => 1 / (e.V * e.V)) / sw));
            double sw2 = peers.Sum(e => 1 / (e.V + tau2)), mean2 = peers.Sum(e => e.L / (e.V + tau2)) / sw2;
            double z = (lc - mean2) / Math.Sqrt(vc + tau2 + 1 / sw2);
            return (Math.Exp(lc - mean2), z, peers.Count - 1, g);
        }
        return (double.NaN, double.NaN, double.NaN, double.NaN);
    }

    /// <summary>log(readings at v / its plain neighbours' mean level) and its (delta-method) variance.</summary>
    private static (double L, double V) LogExcess(RecordingGrid grid, double v)
    {
        var (_, total, points) = grid.LocalLevel(v);
        if (points < 4 || total < 5) return (double.NaN, double.NaN);
        double at = grid.CountAt(v);
        return (Math.Log(at + 0.5) - Math.Log((total + 0.5) / points), 1 / (at + 0.5) + 1 / (total + 0.5));
    }

    /// <summary>The next finer grain of the 1-5-10 ladder (10 -> 5 -> 1 -> 0.5 ...), never below the precision.</summary>
    private static double Finer(double g, double precision)
    {
        double ten = Math.Pow(10, Math.Floor(Math.Log10(g) + 1e-9));
        double lead = Math.Round(g / ten);
        double finer = lead >= 5 ? ten : ten / 2;
        return Math.Max(precision, Math.Round(finer / precision) * precision);
    }
}
