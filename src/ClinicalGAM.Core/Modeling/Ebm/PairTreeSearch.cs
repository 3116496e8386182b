using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// The greedy pair step's search for the best three-leaf tree (a cut on one axis, then one cut on the other axis within
/// one side), over every cut of both axes. A three-leaf tree's leaves are unions of the four quadrants around a cell
/// corner (i, j): cutting axis 0 at i then the low side at j gives the leaves LL, LR and the whole high side; cutting
/// axis 1 at j then its low side at i gives LL, HL and the whole right side. So the leaf scores g^2 / h of all
/// four quadrants at every corner, computed once from two-dimensional prefix sums, serve both axes: half the
/// divisions of a search per axis, and the divisions run a vector of corners at a time, in one pass over the corners. At 100,000 rows this search
/// took as long as the histogram pass itself (112 µs for 65 x 65 cells, AVX2), scalar and per axis.
/// Doubles throughout; <see cref="Vector{T}"/> takes the widest vector the runtime enables at start (256 bits on AVX2,
/// 128 on SSE or NEON, one lane without either), so one source serves every CPU. Per width the result is
/// deterministic.
/// </summary>
internal sealed class PairTreeSearch
{
    private readonly int _minSamplesLeaf;
    private readonly double _minHessian;
    // Inclusive prefix sums over [0..i] x [0..j] (counts as doubles, to share the vector lanes).
    private readonly double[] _pg, _ph, _pn;
    // Axis 1 first: the best secondary (axis 0) cut per primary cut on its low and its high side, and its row (a
    // double, to share the vector pass; -1 while the side is best whole).
    private readonly double[] _bestLow, _bestHigh, _bestLowAtRow, _bestHighAtRow;

    public PairTreeSearch(int minSamplesLeaf, double minHessian, int maxCells, int maxAxis)
    {
        _minSamplesLeaf = Math.Max(1, minSamplesLeaf);
        _minHessian = minHessian;
        _pg = new double[maxCells]; _ph = new double[maxCells]; _pn = new double[maxCells];
        _bestLow = new double[maxAxis]; _bestHigh = new double[maxAxis];
        _bestLowAtRow = new double[maxAxis]; _bestHighAtRow = new double[maxAxis];
    }

    /// <summary>The chosen tree: primary axis, primary cut, secondary cut on the low or high side (-1: that side whole).</summary>
    public struct Tree
    {
        public double Gain;
        public int Axis, Cut, LowCut, HighCut;
        public double G0, H0, G1, H1, G2, H2, G3, H3;
    }

    private static double Score(double g, double h) => h > 0 ? g * g / h : 0;

    private bool LeafOk(double n, double h) => n >= _minSamplesLeaf && h >= _minHessian && h > 0;

    /// <summary>
    /// Best tree of a row-major histogram [d0][d1]; Axis -1 when no tree has valid leaves. Among equal gains the first
    /// in the order axis 0 before axis 1, primary cut ascending, low side before high side, secondary cut ascending.
    /// </summary>
    public Tree Find(int d0, int d1, ReadOnlySpan<double> g, ReadOnlySpan<double> h, ReadOnlySpan<int> n)
    {
        var best = new Tree { Gain = double.NegativeInfinity, Axis = -1 };
        if (d0 < 2 && d1 < 2) return best;
        Prefix(d0, d1, g, h, n);
        int last = d0 * d1 - 1;
        double gt = _pg[last], ht = _ph[last], nt = _pn[last];
        double baseline = Score(gt, ht);
        Search(d0, d1, gt, ht, nt, baseline, ref best);
        return best;
    }

    private void Prefix(int d0, int d1, ReadOnlySpan<double> g, ReadOnlySpan<double> h, ReadOnlySpan<int> n)
    {
        for (int i = 0; i < d0; i++)
        {
            // Running sums along the row plus the prefix row above, in one pass (the first row has none above).
            double rg = 0, rh = 0, rn = 0;
            int row = i * d1;
            var outG = _pg.AsSpan(row, d1); var outH = _ph.AsSpan(row, d1); var outN = _pn.AsSpan(row, d1);
            var cg = g.Slice(row, d1); var ch = h.Slice(row, d1); var cn = n.Slice(row, d1);
            if (i == 0)
            {
                for (int j = 0; j < d1; j++)
                {
                    rg += cg[j]; rh += ch[j]; rn += cn[j];
                    outG[j] = rg; outH[j] = rh; outN[j] = rn;
                }
                continue;
            }
            var aboveG = _pg.AsSpan(row - d1, d1); var aboveH = _ph.AsSpan(row - d1, d1); var aboveN = _pn.AsSpan(row - d1, d1);
            for (int j = 0; j < d1; j++)
            {
                rg += cg[j]; rh += ch[j]; rn += cn[j];
                outG[j] = rg + aboveG[j]; outH[j] = rh + aboveH[j]; outN[j] = rn + aboveN[j];
            }
        }
    }

    /// <summary>
    /// One pass over the corners, row by row: the four quadrant scores of a vector of corners, then for axis 0 the
    /// row's best secondary cut on each side (its primary cut is this row), and for axis 1 the running best secondary
    /// cut of each column's primary cut (rows ascending, so the earliest row wins ties).
    /// </summary>
    private void Search(int d0, int d1, double gt, double ht, double nt, double baseline, ref Tree best)
    {
        int cuts = d1 - 1, lastRow = (d0 - 1) * d1;
        var bestLow = _bestLow.AsSpan(0, cuts); var bestHigh = _bestHigh.AsSpan(0, cuts);
        for (int j = 0; j < cuts; j++)
        {
            double cg = _pg[lastRow + j], ch = _ph[lastRow + j];
            bestLow[j] = Score(cg, ch);
            bestHigh[j] = Score(gt - cg, ht - ch);
            _bestLowAtRow[j] = -1; _bestHighAtRow[j] = -1;
        }
        var minN = new Vector<double>(_minSamplesLeaf);
        var minH = new Vector<double>(_minHessian);
        var invalid = new Vector<double>(double.NegativeInfinity);
        ref double pg = ref MemoryMarshal.GetArrayDataReference(_pg);
        ref double ph = ref MemoryMarshal.GetArrayDataReference(_ph);
        ref double pn = ref MemoryMarshal.GetArrayDataReference(_pn);
        ref double colLow = ref MemoryMarshal.GetArrayDataReference(_bestLow);
        ref double colHigh = ref MemoryMarshal.GetArrayDataReference(_bestHigh);
        ref double colLowAt = ref MemoryMarshal.GetArrayDataReference(_bestLowAtRow);
        ref double colHighAt = ref MemoryMarshal.GetArrayDataReference(_bestHighAtRow);
        for (int i = 0; i < d0 - 1; i++)
        {
            int row = i * d1;
            // Totals of the low slab (rows <= i) and of the rest; per column, the whole column (last prefix row).
            double sg = _pg[row + cuts], sh = _ph[row + cuts], sn = _pn[row + cuts];
            var slabG = new Vector<double>(sg); var slabH = new Vector<double>(sh); var slabN = new Vector<double>(sn);
            var restG = new Vector<double>(gt - sg); var restH = new Vector<double>(ht - sh); var restN = new Vector<double>(nt - sn);
            var rowIndex = new Vector<double>(i);
            // This row's best secondary cut on each side, per lane (strictly greater: the earliest corner keeps a tie).
            var lowMax = invalid; var highMax = invalid;
            var lowAt = new Vector<double>(-1); var highAt = new Vector<double>(-1);
            var corner = Vector<double>.Indices;
            var step = new Vector<double>(Vector<double>.Count);
            int j = 0;
            for (; j + Vector<double>.Count <= cuts; j += Vector<double>.Count)
            {
                nuint at = (nuint)(row + j), col = (nuint)(lastRow + j), k = (nuint)j;
                var llG = Vector.LoadUnsafe(ref pg, at); var llH = Vector.LoadUnsafe(ref ph, at); var llN = Vector.LoadUnsafe(ref pn, at);
                var hlG = Vector.LoadUnsafe(ref pg, col) - llG; var hlH = Vector.LoadUnsafe(ref ph, col) - llH; var hlN = Vector.LoadUnsafe(ref pn, col) - llN;
                var ll = Leaf(llG, llH, llN, minN, minH, invalid);
                var lr = Leaf(slabG - llG, slabH - llH, slabN - llN, minN, minH, invalid);
                var hl = Leaf(hlG, hlH, hlN, minN, minH, invalid);
                var hr = Leaf(restG - hlG, restH - hlH, restN - hlN, minN, minH, invalid);
                KeepMax(ll + lr, corner, ref lowMax, ref lowAt);
                KeepMax(hl + hr, corner, ref highMax, ref highAt);
                corner += step;
                Keep(ll + hl, rowIndex, ref colLow, ref colLowAt, k);
                Keep(lr + hr, rowIndex, ref colHigh, ref colHighAt, k);
            }
            var (lowValue, lowCut) = Reduce(lowMax, lowAt);
            var (highValue, highCut) = Reduce(highMax, highAt);
            for (; j < cuts; j++)
            {
                int c = row + j;
                double llG = _pg[c], llH = _ph[c], llN = _pn[c];
                double hlG = _pg[lastRow + j] - llG, hlH = _ph[lastRow + j] - llH, hlN = _pn[lastRow + j] - llN;
                double ll = Leaf(llG, llH, llN), lr = Leaf(sg - llG, sh - llH, sn - llN);
                double hl = Leaf(hlG, hlH, hlN), hr = Leaf(gt - sg - hlG, ht - sh - hlH, nt - sn - hlN);
                if (ll + lr > lowValue) { lowValue = ll + lr; lowCut = j; }
                if (hl + hr > highValue) { highValue = hl + hr; highCut = j; }
                if (ll + hl > bestLow[j]) { bestLow[j] = ll + hl; _bestLowAtRow[j] = i; }
                if (lr + hr > bestHigh[j]) { bestHigh[j] = lr + hr; _bestHighAtRow[j] = i; }
            }
            Axis0(i, d0, d1, sg, sh, sn, gt, ht, nt, baseline, lowValue, lowCut, highValue, highCut, ref best);
        }
        Axis1(d0, d1, gt, ht, nt, baseline, ref best);
    }

    /// <summary>max = value where value &gt; max, per lane, with its corner (strictly: the earlier corner keeps a tie).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void KeepMax(Vector<double> value, Vector<double> corner, ref Vector<double> max, ref Vector<double> at)
    {
        var better = Vector.GreaterThan(value, max);
        max = Vector.ConditionalSelect(better, value, max);
        at = Vector.ConditionalSelect(better, corner, at);
    }

    /// <summary>The best lane's value and corner; among equal values the earliest corner (-1 with no valid corner).</summary>
    private static (double Value, int Corner) Reduce(Vector<double> max, Vector<double> at)
    {
        double value = double.NegativeInfinity;
        int corner = -1;
        for (int lane = 0; lane < Vector<double>.Count; lane++)
        {
            double v = max[lane];
            int c = (int)at[lane];
            if (c < 0) continue;
            if (v > value || (v == value && c < corner)) { value = v; corner = c; }
        }
        return (value, corner);
    }

    /// <summary>best = value where value &gt; best (strictly: the earlier row keeps a tie), and its row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Keep(Vector<double> value, Vector<double> row, ref double best, ref double bestRow, nuint k)
    {
        var current = Vector.LoadUnsafe(ref best, k);
        var better = Vector.GreaterThan(value, current);
        Vector.ConditionalSelect(better, value, current).StoreUnsafe(ref best, k);
        Vector.ConditionalSelect(better, row, Vector.LoadUnsafe(ref bestRow, k)).StoreUnsafe(ref bestRow, k);
    }

    private double Leaf(double g, double h, double n) => LeafOk(n, h) ? g * g / h : double.NegativeInfinity;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Leaf(Vector<double> g, Vector<double> h, Vector<double> n, Vector<double> minN,
        Vector<double> minH, Vector<double> invalid)
    {
        var ok = Vector.GreaterThanOrEqual(n, minN) & Vector.GreaterThanOrEqual(h, minH) & Vector.GreaterThan(h, Vector<double>.Zero);
        return Vector.ConditionalSelect(ok, g * g / h, invalid);
    }

    /// <summary>
    /// Axis 0 first at cut i (this row); then the low side (LL | LR) or the high side (HL | HR) at the row's best
    /// secondary cut of that side (found in the corner pass; -1 when no corner has valid leaves).
    /// </summary>
    private void Axis0(int i, int d0, int d1, double gl, double hl, double nl, double gt, double ht, double nt,
        double baseline, double lowValue, int lowCut, double highValue, int highCut, ref Tree best)
    {
        int row = i * d1;
        double rowN = i == 0 ? nl : nl - _pn[row - 1];
        if (rowN == 0 || !LeafOk(nl, hl) || !LeafOk(nt - nl, ht - hl)) return;
        // A secondary cut after a position without rows on that side repeats the previous partition with the same
        // score; the earlier position wins the tie, as when such cuts were skipped. A side is cut only where that
        // beats keeping it whole.
        double lowWhole = Score(gl, hl), highWhole = Score(gt - gl, ht - hl);
        if (lowCut >= 0 && lowValue > lowWhole)
            Consider(ref best, 0, i, lowCut, -1, lowValue + highWhole - baseline,
                _pg[row + lowCut], _ph[row + lowCut], gl, hl, gt - gl, ht - hl, gt, ht);
        if (highCut >= 0 && highValue > highWhole)
        {
            int col = (d0 - 1) * d1 + highCut;
            double g2 = _pg[col] - _pg[row + highCut], h2 = _ph[col] - _ph[row + highCut];
            Consider(ref best, 0, i, -1, highCut, lowWhole + highValue - baseline, gl, hl, gl, hl, g2, h2, gt, ht);
        }
    }

    /// <summary>Axis 1 first at cut j; then the low side (LL | HL) or the high side (LR | HR) at the row found.</summary>
    private void Axis1(int d0, int d1, double gt, double ht, double nt, double baseline, ref Tree best)
    {
        int lastRow = (d0 - 1) * d1;
        for (int j = 0; j < d1 - 1; j++)
        {
            double gl = _pg[lastRow + j], hl = _ph[lastRow + j], nl = _pn[lastRow + j];
            double columnN = j == 0 ? nl : nl - _pn[lastRow + j - 1];
            if (columnN == 0 || !LeafOk(nl, hl) || !LeafOk(nt - nl, ht - hl)) continue;
            int lowAt = (int)_bestLowAtRow[j], highAt = (int)_bestHighAtRow[j];
            if (lowAt >= 0)
            {
                int c = lowAt * d1 + j;
                Consider(ref best, 1, j, lowAt, -1, _bestLow[j] + Score(gt - gl, ht - hl) - baseline,
                    _pg[c], _ph[c], gl, hl, gt - gl, ht - hl, gt, ht);
            }
            if (highAt >= 0)
            {
                int row = highAt * d1;
                double g2 = _pg[row + d1 - 1] - _pg[row + j], h2 = _ph[row + d1 - 1] - _ph[row + j];
                Consider(ref best, 1, j, -1, highAt, Score(gl, hl) + _bestHigh[j] - baseline, gl, hl, gl, hl, g2, h2, gt, ht);
            }
        }
    }

    /// <summary>
    /// Keeps the tree if it gains more. Leaves: 0 = low side's first part, 1 = low side's rest, 2 = high side's first
    /// part, 3 = high side's rest (an unsplit side is its first part, with an empty rest).
    /// </summary>
    private static void Consider(ref Tree best, int axis, int cut, int lowCut, int highCut, double gain,
        double g0, double h0, double gl, double hl, double g2, double h2, double gt, double ht)
    {
        if (!(gain > best.Gain)) return;
        best.Gain = gain; best.Axis = axis; best.Cut = cut; best.LowCut = lowCut; best.HighCut = highCut;
        best.G0 = g0; best.H0 = h0; best.G1 = gl - g0; best.H1 = hl - h0;
        best.G2 = g2; best.H2 = h2; best.G3 = gt - gl - g2; best.H3 = ht - hl - h2;
    }
}
