using System.Globalization;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>
/// How the recorded values behave at a cut-off, in the spirit of McCrary (2008) and rddensity (Cattaneo, Jansson and
/// Ma): (1) heaping, the count exactly at the cut against the neighbouring values on the column's recording grid
/// (clinicians round readings to 140); (2) bunching, a jump in the density of values just across the cut: counts in
/// bins of a window on each side, a local linear Poisson fit on each side (Firth-penalised, checked), the jump in log
/// density at the cut, with the values exactly at the cut left out (a donut) so heaping does not pose as bunching.
/// Either is a Goodhart signature of its own: readings moved to, or away from, the value that triggers care.
/// </summary>
public static class DensityDiscontinuityTest
{
    /// <summary>The result at one cut. LogJump is log(density just above / just below); NaN fields were not estimable.</summary>
    public sealed record Result(double At, double Precision, double HeapRatio, double HeapZ, double LogJump, double Low,
        double High, double Z, double P, string? Problem)
    {
        /// <summary>True when either signature is clear (|z| &gt;= 3).</summary>
        public bool Signals => HeapRatio > 1.5 && HeapZ >= 3 || double.IsFinite(Z) && Math.Abs(Z) >= 3;

        public string Message
        {
            get
            {
                string heap = double.IsFinite(HeapRatio)
                    ? string.Create(CultureInfo.InvariantCulture, $"{HeapRatio:0.0}x as many readings exactly at {At:G6} as at its neighbours (z {HeapZ:0.0})")
                    : "no heaping estimate";
                string bunch = Problem is not null ? $"density jump not testable ({Problem})"
                    : string.Create(CultureInfo.InvariantCulture,
                        $"density {(LogJump >= 0 ? "higher" : "lower")} just above than just below by {100 * (Math.Exp(LogJump) - 1):+0;-0}% (95% CI {100 * (Math.Exp(Low) - 1):0} to {100 * (Math.Exp(High) - 1):0}%, z {Z:0.0})");
                return $"{heap}; {bunch}.";
            }
        }
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
    /// <param name="windowShare">Share of the values on each side in the window. Defaults to 0.1.</param>
    public static Result? Test(double[] sorted, double cut, double windowShare = 0.1)
    {
        int n = sorted.Length;
        if (n < 200) return null;
        double precision = Precision(sorted);
        int at = LowerBound(sorted, cut);
        int above = LowerBound(sorted, cut + precision / 2);
        double exact = above - LowerBound(sorted, cut - precision / 2);
        // Heaping: the count at the cut against the 2 x 5 grid values around it.
        double neighbours = 0;
        for (int k = 1; k <= 5; k++)
            foreach (double v in new[] { cut - k * precision, cut + k * precision })
                neighbours += LowerBound(sorted, v + precision / 2) - LowerBound(sorted, v - precision / 2);
        double expected = neighbours / 10;
        double heapRatio = expected > 0 ? exact / expected : double.NaN;
        double heapZ = expected > 0 ? (exact - expected) / Math.Sqrt(expected) : double.NaN;

        // Bunching: a window holding windowShare of the values on each side, 20 bins a side on the recording grid.
        // In a tail the window is as wide as the thinner side allows (at least 50 values).
        int take = Math.Min((int)(windowShare * n), Math.Min(at, n - at - 1));
        if (take < 50) return new Result(cut, precision, heapRatio, heapZ, double.NaN, double.NaN, double.NaN, double.NaN, 1, "too few values on a side");
        double reach = Math.Max(cut - sorted[at - take], sorted[Math.Min(at + take, n - 1)] - cut);
        double width = Math.Max(precision, Math.Round(reach / 20 / precision) * precision);
        int bins = (int)Math.Ceiling(reach / width);
        if (bins < 4) return new Result(cut, precision, heapRatio, heapZ, double.NaN, double.NaN, double.NaN, double.NaN, 1, "too few distinct values near the cut");
        var count = new double[2 * bins];
        var offset = new double[2 * bins];
        var one = new double[2 * bins]; var left = new double[2 * bins]; var right = new double[2 * bins]; var step = new double[2 * bins];
        var weight = new double[2 * bins];
        double gridPerBin = Math.Max(1, Math.Round(width / precision));
        for (int b = 0; b < 2 * bins; b++)
        {
            double lo = cut + (b - bins) * width, hi = lo + width;
            count[b] = LowerBound(sorted, hi - precision / 2) - LowerBound(sorted, lo - precision / 2);
            bool isRight = b >= bins;
            if (b == bins) count[b] -= exact; // the donut: values exactly at the cut are heaping's business
            double kept = b == bins ? (gridPerBin - 1) / gridPerBin : 1;
            offset[b] = kept > 0 ? Math.Log(kept) : Math.Log(0.5);
            double u = (lo + width / 2 - cut) / (bins * width);
            one[b] = 1; left[b] = isRight ? 0 : u; right[b] = isRight ? u : 0; step[b] = isRight ? 1 : 0; weight[b] = 1;
        }
        if (gridPerBin <= 1) { count[bins] = 0; weight[bins] = 0; } // the first right bin held only the cut's value
        var fit = PenalisedGlm.Fit(Objective.Poisson, count, offset, [one, left, right, step], weight, 3, 2.5, 50);
        if (fit.Problem is not null)
            return new Result(cut, precision, heapRatio, heapZ, double.NaN, double.NaN, double.NaN, double.NaN, 1, fit.Problem);
        double jump = fit.Beta[3], se = fit.Se(3);
        const double z975 = 1.959963984540054;
        return new Result(cut, precision, heapRatio, heapZ, jump, jump - z975 * se, jump + z975 * se, jump / se,
            Statistics.NormalTwoSidedP(jump / se), null);
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { int mid = (lo + hi) >> 1; if (sorted[mid] < value) lo = mid + 1; else hi = mid; }
        return lo;
    }
}
