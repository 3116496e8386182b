namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// FAST (Lou et al. 2013): the strength of a candidate pair is how much one cut on each axis (four quadrants) lowers
/// the loss of the current residuals beyond a constant. Computed from a 2D histogram with prefix sums: O(rows) to fill
/// and O(bins0 x bins1) to search.
/// </summary>
internal sealed class InteractionRanking
{
    private readonly int _minSamplesLeaf;
    private readonly double _minHessian;
    private readonly double[] _g, _h;
    private readonly int[] _n;

    public InteractionRanking(int maxCells, int minSamplesLeaf, double minHessian)
    {
        _minSamplesLeaf = Math.Max(1, minSamplesLeaf);
        _minHessian = minHessian;
        _g = new double[maxCells];
        _h = new double[maxCells];
        _n = new int[maxCells];
    }

    public double Strength(ushort[] bins0, int d0, ushort[] bins1, int d1, ReadOnlySpan<double> gradient,
        ReadOnlySpan<double> hessian)
    {
        int cells = d0 * d1;
        var g = _g.AsSpan(0, cells); var h = _h.AsSpan(0, cells); var n = _n.AsSpan(0, cells);
        g.Clear(); h.Clear(); n.Clear();
        for (int i = 0; i < gradient.Length; i++)
        {
            int c = bins0[i] * d1 + bins1[i];
            g[c] += gradient[i];
            h[c] += hessian[i];
            n[c]++;
        }
        // In-place 2D prefix sums: cell (a, b) becomes the sum over a' <= a, b' <= b.
        for (int a = 0; a < d0; a++)
        {
            double rg = 0, rh = 0; int rn = 0;
            for (int b = 0; b < d1; b++)
            {
                int c = a * d1 + b;
                rg += g[c]; rh += h[c]; rn += n[c];
                if (a > 0)
                {
                    int up = c - d1;
                    g[c] = rg + g[up]; h[c] = rh + h[up]; n[c] = rn + n[up];
                }
                else { g[c] = rg; h[c] = rh; n[c] = rn; }
            }
        }
        int last = cells - 1;
        double gt = g[last], ht = h[last]; int nt = n[last];
        double baseline = ht > 0 ? gt * gt / ht : 0;
        double best = 0;
        for (int a = 0; a < d0 - 1; a++)
        {
            int rowEnd = a * d1 + d1 - 1;
            for (int b = 0; b < d1 - 1; b++)
            {
                int c = a * d1 + b;
                int colEnd = (d0 - 1) * d1 + b;
                double gLL = g[c], hLL = h[c]; int nLL = n[c];
                double gLH = g[rowEnd] - gLL, hLH = h[rowEnd] - hLL; int nLH = n[rowEnd] - nLL;
                double gHL = g[colEnd] - gLL, hHL = h[colEnd] - hLL; int nHL = n[colEnd] - nLL;
                double gHH = gt - gLL - gLH - gHL, hHH = ht - hLL - hLH - hHL; int nHH = nt - nLL - nLH - nHL;
                if (!Ok(nLL, hLL) || !Ok(nLH, hLH) || !Ok(nHL, hHL) || !Ok(nHH, hHH)) continue;
                double gain = gLL * gLL / hLL + gLH * gLH / hLH + gHL * gHL / hHL + gHH * gHH / hHH - baseline;
                if (gain > best) best = gain;
            }
        }
        return best;
    }

    private bool Ok(int n, double h) => n >= _minSamplesLeaf && h >= _minHessian && h > 0;

    /// <summary>Ranks (0 = strongest) of the strengths; ties broken by pair order for determinism.</summary>
    public static int[] Ranks(double[] strengths)
    {
        var order = Enumerable.Range(0, strengths.Length)
            .OrderByDescending(i => strengths[i]).ThenBy(i => i).ToArray();
        var ranks = new int[strengths.Length];
        for (int r = 0; r < order.Length; r++) ranks[order[r]] = r;
        return ranks;
    }
}
