namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>
/// McCrary's (2008) data-driven bandwidth for a density-discontinuity test at a cut: a first histogram with bins of
/// 2 sd n^(-1/2) (at least the recording grid); on each side a global quartic fitted to the bin heights; there
/// h_side = 3.348 (s^2 (side's range) / sum f''(x_j)^2)^(1/5), s^2 the quartic's mean squared residual (3.348 is the
/// triangular kernel's constant for a local-linear boundary fit); h is the mean of the two. Heights are counted on
/// the grid values that carry the smooth density only (<see cref="RecordingGrid.IsKept"/>), so digit preference
/// does not pose as curvature. Re-derived from the paper, not copied.
/// </summary>
internal static class DensityBandwidth
{
    /// <summary>The bandwidth at cut, or NaN when a side's quartic cannot be fitted (too few bins).</summary>
    public static double Select(RecordingGrid grid, double cut)
    {
        double lo = grid.Quantile(0.01), hi = grid.Quantile(0.99);
        if (!(cut > lo && cut < hi)) return double.NaN;
        double sd = (grid.Quantile(0.75) - grid.Quantile(0.25)) / 1.349;
        double p = grid.Precision;
        double width = Math.Max(p, Math.Round(2 * sd / Math.Sqrt(grid.Count) / p) * p);
        // At most 400 bins a side: finer bins add noise to the quartic, not information.
        width = Math.Max(width, p * Math.Ceiling(Math.Max(cut - lo, hi - cut) / 400 / p));
        double below = Side(grid, cut, lo, width, -1), above = Side(grid, cut, hi, width, +1);
        if (!double.IsFinite(below) || !double.IsFinite(above)) return double.NaN;
        return (below + above) / 2;
    }

    private static double Side(RecordingGrid grid, double cut, double end, double width, int side)
    {
        var x = new List<double>();
        var height = new List<double>();
        double p = grid.Precision, n = grid.Count, range = Math.Abs(end - cut);
        int steps = (int)Math.Round(width / p);
        // Bins from the grid value next to the cut outwards (the cut's own value is the donut's).
        for (double start = cut + side * p; side > 0 ? start <= end : start >= end; start += side * width)
        {
            double count = 0, kept = 0, centre = 0;
            for (int j = 0; j < steps; j++)
            {
                double v = grid.Snap(start + side * j * p);
                if (!grid.IsKept(v)) continue;
                count += grid.CountAt(v);
                kept++;
                centre += v;
            }
            if (kept == 0) continue;
            x.Add((centre / kept - cut) / range);
            height.Add(count / (n * kept * p));
        }
        if (x.Count < 10) return double.NaN;
        var m = new double[5, 5];
        var r = new double[5];
        for (int i = 0; i < x.Count; i++)
        {
            double pw = 1;
            var row = new double[5];
            for (int k = 0; k < 5; k++) { row[k] = pw; pw *= x[i]; }
            for (int a = 0; a < 5; a++) { r[a] += row[a] * height[i]; for (int b = 0; b < 5; b++) m[a, b] += row[a] * row[b]; }
        }
        var inv = OffsetGlm.Invert(m);
        if (inv is null) return double.NaN;
        var beta = new double[5];
        for (int a = 0; a < 5; a++) for (int b = 0; b < 5; b++) beta[a] += inv[a, b] * r[b];
        double sse = 0, curvature = 0;
        for (int i = 0; i < x.Count; i++)
        {
            double u = x[i], fit = beta[0] + u * (beta[1] + u * (beta[2] + u * (beta[3] + u * beta[4])));
            sse += (height[i] - fit) * (height[i] - fit);
            // Second derivative in the value's units (u is scaled by the side's range).
            double second = (2 * beta[2] + 6 * beta[3] * u + 12 * beta[4] * u * u) / (range * range);
            curvature += second * second;
        }
        double s2 = sse / Math.Max(x.Count - 5, 1);
        // At most half the side: a quartic over a whole two-humped side (ferritin's anaemic and normal modes) sees
        // little curvature and would stretch h over the side's other hump.
        if (!(curvature > 0)) return range / 2;
        return Math.Min(range / 2, 3.348 * Math.Pow(s2 * range / curvature, 0.2));
    }
}
