namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// Finds one boosting step for a term from its histogram: the cut(s) (best or random), the Newton value of each leaf
/// times the learning rate, and the gain. Scratch buffers are sized once per booster so the hot loop never allocates.
/// </summary>
internal sealed class TermUpdate
{
    private readonly double _learningRate;
    private readonly int _minSamplesLeaf;
    private readonly double _minHessian;
    private readonly double _categorySmoothing;

    // Scratch (sized to the largest term).
    private readonly int[] _order;
    private readonly double[] _sortKey;
    private readonly int[] _candidates;
    private readonly double[] _lowG, _lowH, _totG, _totH;
    private readonly int[] _lowN, _totN;
    private readonly PairTreeSearch _pairTree;

    public TermUpdate(double learningRate, int minSamplesLeaf, double minHessian, double categorySmoothing, int maxCells, int maxAxis)
    {
        _learningRate = learningRate;
        _minSamplesLeaf = Math.Max(1, minSamplesLeaf);
        _minHessian = minHessian;
        _categorySmoothing = categorySmoothing;
        _order = new int[maxCells];
        _sortKey = new double[maxCells];
        _candidates = new int[Math.Max(maxCells, 2 * maxAxis)];
        _lowG = new double[maxAxis]; _lowH = new double[maxAxis]; _lowN = new int[maxAxis];
        _totG = new double[maxAxis]; _totH = new double[maxAxis]; _totN = new int[maxAxis];
        _pairTree = new PairTreeSearch(minSamplesLeaf, minHessian, maxCells, maxAxis);
    }

    private bool LeafOk(int n, double h) => n >= _minSamplesLeaf && h >= _minHessian && h > 0;

    private static double Score(double g, double h) => h > 0 ? g * g / h : 0;

    /// <summary>
    /// Fills update (length = term cells) and returns the gain of the step; tree is the pair tree that filled it (None
    /// for main effects and for a pair step without a tree), which applies the step without reading the table back.
    /// </summary>
    public double Compute(BoostTerm term, ReadOnlySpan<double> g, ReadOnlySpan<double> h, ReadOnlySpan<int> n,
        bool random, SplitMixRandom rng, Span<double> update, out PairTreeShape tree)
    {
        tree = PairTreeShape.None;
        if (term.Shape == TermShape.Pair) return Pair(term.Dims[0], term.Dims[1], g, h, n, random, rng, update, out tree);
        update.Clear();
        return Single(term, g, h, n, random, rng, update);
    }

    private double Single(BoostTerm term, ReadOnlySpan<double> g, ReadOnlySpan<double> h, ReadOnlySpan<int> n,
        bool random, SplitMixRandom rng, Span<double> update)
    {
        int bins = term.Dims[0];
        // Visiting order of non-missing bins: natural for ordered features, by smoothed mean gradient for nominals.
        int m = 0;
        for (int b = 1; b < bins; b++)
        {
            if (term.Shape == TermShape.Nominal && n[b] == 0) continue;
            _order[m++] = b;
        }
        var order = _order.AsSpan(0, m);
        if (term.Shape == TermShape.Nominal)
        {
            for (int i = 0; i < m; i++) _sortKey[i] = g[order[i]] / (h[order[i]] + _categorySmoothing);
            // Insertion sort keyed by (mean gradient, bin): stable and deterministic; categories are few.
            for (int i = 1; i < m; i++)
            {
                int ob = order[i];
                double key = _sortKey[i];
                int j = i - 1;
                while (j >= 0 && (_sortKey[j] > key || (_sortKey[j] == key && order[j] > ob)))
                {
                    _sortKey[j + 1] = _sortKey[j];
                    order[j + 1] = order[j];
                    j--;
                }
                _sortKey[j + 1] = key;
                order[j + 1] = ob;
            }
        }

        double gt = 0, ht = 0; int nt = 0;
        foreach (int b in order) { gt += g[b]; ht += h[b]; nt += n[b]; }

        // Pick the cut: position k means order[0..k] | order[k+1..].
        int chosen = -1;
        double bestGain = 0;
        int candidates = 0;
        double gl = 0, hl = 0; int nl = 0;
        for (int k = 0; k < m - 1; k++)
        {
            int b = order[k];
            gl += g[b]; hl += h[b]; nl += n[b];
            double gr = gt - gl, hr = ht - hl; int nr = nt - nl;
            if (!LeafOk(nl, hl) || !LeafOk(nr, hr)) continue;
            if (term.Monotone != 0)
            {
                double vl = -gl / hl, vr = -gr / hr;
                if (term.Monotone > 0 ? vl > vr : vl < vr) continue;
            }
            if (random) { _candidates[candidates++] = k; continue; }
            double gain = Score(gl, hl) + Score(gr, hr) - Score(gt, ht);
            if (chosen < 0 || gain > bestGain) { bestGain = gain; chosen = k; }
        }
        if (random && candidates > 0)
        {
            chosen = _candidates[rng.Next(candidates)];
        }

        double gain0 = 0;
        if (chosen >= 0)
        {
            double gL = 0, hL = 0;
            for (int k = 0; k <= chosen; k++) { gL += g[order[k]]; hL += h[order[k]]; }
            double gR = gt - gL, hR = ht - hL;
            double vl = -_learningRate * gL / hL, vr = -_learningRate * gR / hR;
            for (int k = 0; k < m; k++) update[order[k]] = k <= chosen ? vl : vr;
            gain0 = Score(gL, hL) + Score(gR, hR);
        }
        else if (LeafOk(nt, ht))
        {
            double v = -_learningRate * gt / ht;
            foreach (int b in order) update[b] = v;
            gain0 = Score(gt, ht);
        }
        if (term.Shape == TermShape.Nominal)
        {
            // Categories unseen in this bag's training rows keep their score (no evidence either way).
            for (int b = 1; b < bins; b++) if (n[b] == 0) update[b] = 0;
        }
        // Missing values: their own leaf (InterpretML's missing="separate"). The step's gain is the cut's gain among the
        // non-missing bins: separating missing values is not progress this term makes again at every step, and
        // counting it would favour features with missing values when choosing the next greedy step.
        if (LeafOk(n[0], h[0])) update[0] = -_learningRate * g[0] / h[0];
        return chosen >= 0 ? Math.Max(0, gain0 - Score(gt, ht)) : 0;
    }

    /// <summary>
    /// Pair step. Greedy: InterpretML's pair tree, a cut on the primary axis and then one cut on the secondary axis
    /// within one side (three leaves, every leaf with enough rows), the best over both axes as primary and either side.
    /// Smoothing: a random primary cut and a random secondary cut on each side. The missing bin is the first position
    /// on each axis. Cuts next to positions without rows are skipped: they give the same partition as their neighbour.
    /// </summary>
    private double Pair(int d0, int d1, ReadOnlySpan<double> g, ReadOnlySpan<double> h, ReadOnlySpan<int> n,
        bool random, SplitMixRandom rng, Span<double> update, out PairTreeShape tree)
    {
        tree = PairTreeShape.None;
        // The greedy search finds no tree when the whole term's leaf is not valid either, so the term's totals (a
        // 4,225-cell sum per step on a 64 x 64 pair: a serial chain of additions) are needed only without a tree.
        var best = random ? default : GreedySplit(d0, d1, g, h, n);
        if (random || best.Axis < 0)
        {
            double gt = 0, ht = 0; int nt = 0;
            for (int c = 0; c < g.Length; c++) { gt += g[c]; ht += h[c]; nt += n[c]; }
            if (!LeafOk(nt, ht))
            {
                update.Clear();
                return 0;
            }
            if (random) best = RandomSplit(d0, d1, g, h, n, gt, ht, nt, rng);
            if (best.Axis < 0)
            {
                update.Fill(-_learningRate * gt / ht);
                return 0;
            }
        }
        Span<double> value = stackalloc double[4];
        for (int leaf = 0; leaf < 4; leaf++)
            value[leaf] = best.LeafH[leaf] > 0 ? -_learningRate * best.LeafG[leaf] / best.LeafH[leaf] : 0;
        // Leaf of cell (p, sec): p <= Cut ? (sec > LowCut >= 0 ? 1 : 0) : (sec > HighCut >= 0 ? 3 : 2), filled a run at a time.
        for (int b0 = 0; b0 < d0; b0++)
        {
            var row = update.Slice(b0 * d1, d1);
            if (best.Axis == 0)
            {
                bool low = b0 <= best.Cut;
                int secondaryCut = low ? best.LowCut : best.HighCut;
                int first = secondaryCut >= 0 ? Math.Min(secondaryCut + 1, d1) : d1;
                row[..first].Fill(value[low ? 0 : 2]);
                row[first..].Fill(value[low ? 1 : 3]);
            }
            else
            {
                int lowColumns = Math.Min(best.Cut + 1, d1);
                row[..lowColumns].Fill(value[best.LowCut >= 0 && b0 > best.LowCut ? 1 : 0]);
                row[lowColumns..].Fill(value[best.HighCut >= 0 && b0 > best.HighCut ? 3 : 2]);
            }
        }
        tree = new PairTreeShape(best.Axis, best.Cut, best.LowCut, best.HighCut);
        return Math.Max(0, best.Gain);
    }

    private PairSplit GreedySplit(int d0, int d1, ReadOnlySpan<double> g, ReadOnlySpan<double> h, ReadOnlySpan<int> n)
    {
        var tree = _pairTree.Find(d0, d1, g, h, n);
        var split = new PairSplit { Gain = tree.Gain, Axis = tree.Axis, Cut = tree.Cut, LowCut = tree.LowCut, HighCut = tree.HighCut };
        split.LeafG[0] = tree.G0; split.LeafH[0] = tree.H0; split.LeafG[1] = tree.G1; split.LeafH[1] = tree.H1;
        split.LeafG[2] = tree.G2; split.LeafH[2] = tree.H2; split.LeafG[3] = tree.G3; split.LeafH[3] = tree.H3;
        return split;
    }

    /// <summary>Smoothing: a random axis, a random primary cut and a random secondary cut on each side.</summary>
    private PairSplit RandomSplit(int d0, int d1, ReadOnlySpan<double> g, ReadOnlySpan<double> h, ReadOnlySpan<int> n,
        double gt, double ht, int nt, SplitMixRandom rng)
    {
        int axis = rng.Next(2);
        // Axis 1 as primary reads the row-major histogram with swapped strides (no transposed copy).
        var layout = axis == 0 ? new PairLayout(d0, d1, d1, 1) : new PairLayout(d1, d0, 1, d1);
        var split = RandomTree(g, h, n, layout, gt, ht, nt, rng);
        if (split.Axis >= 0) split.Axis = axis;
        return split;
    }

    /// <summary>A pair histogram seen with one axis as primary: cell (p, s) sits at p * PrimaryStride + s * SecondaryStride.</summary>
    private readonly record struct PairLayout(int Primary, int Secondary, int PrimaryStride, int SecondaryStride);

    private struct PairSplit
    {
        public double Gain;
        public int Axis, Cut, LowCut, HighCut;
        public LeafSums LeafG, LeafH;
    }

    [System.Runtime.CompilerServices.InlineArray(4)]
    private struct LeafSums { private double _element; }

    /// <summary>A random four-leaf tree with its cut on the primary axis of a row-major histogram [primary][secondary].</summary>
    private PairSplit RandomTree(ReadOnlySpan<double> g, ReadOnlySpan<double> h, ReadOnlySpan<int> n, PairLayout layout,
        double gt, double ht, int nt, SplitMixRandom rng)
    {
        int primary = layout.Primary, secondary = layout.Secondary;
        int ps = layout.PrimaryStride, ss = layout.SecondaryStride;
        var result = new PairSplit { Gain = double.NegativeInfinity, Axis = -1 };
        var lowG = _lowG.AsSpan(0, secondary); var lowH = _lowH.AsSpan(0, secondary); var lowN = _lowN.AsSpan(0, secondary);
        var totG = _totG.AsSpan(0, secondary); var totH = _totH.AsSpan(0, secondary); var totN = _totN.AsSpan(0, secondary);
        lowG.Clear(); lowH.Clear(); lowN.Clear(); totG.Clear(); totH.Clear(); totN.Clear();
        for (int p = 0; p < primary; p++)
        {
            int row = p * ps;
            for (int s = 0; s < secondary; s++)
            {
                int c = row + s * ss;
                totG[s] += g[c]; totH[s] += h[c]; totN[s] += n[c];
            }
        }
        // Pick uniformly among primary cuts that leave enough rows on both sides and differ from their neighbour.
        int candidates = 0, nl0 = 0; double hl0 = 0;
        for (int cut = 0; cut < primary - 1; cut++)
        {
            int rowN = 0; double rowH = 0;
            for (int s = 0; s < secondary; s++) { rowN += n[cut * ps + s * ss]; rowH += h[cut * ps + s * ss]; }
            nl0 += rowN; hl0 += rowH;
            if (rowN == 0 || !LeafOk(nl0, hl0) || !LeafOk(nt - nl0, ht - hl0)) continue;
            _candidates[candidates++] = cut;
        }
        if (candidates == 0) return result;
        int chosenCut = _candidates[rng.Next(candidates)];

        double gl = 0, hl = 0; int nl = 0;
        for (int cut = 0; cut <= chosenCut; cut++)
        {
            int row = cut * ps, rowN = 0;
            double rg = 0, rh = 0;
            for (int s = 0; s < secondary; s++)
            {
                int c = row + s * ss;
                lowG[s] += g[c]; lowH[s] += h[c]; lowN[s] += n[c];
                rowN += n[c]; rg += g[c]; rh += h[c];
            }
            gl += rg; hl += rh; nl += rowN;
        }
        var low = RandomSecondaryCut(lowG, lowH, lowN, null, null, null, gl, hl, nl, rng);
        var high = RandomSecondaryCut(lowG, lowH, lowN, totG, totH, totN, gt - gl, ht - hl, nt - nl, rng);
        Consider(ref result, chosenCut, low, high, gl, hl, gt, ht, low.Score + high.Score - Score(gt, ht));
        return result;
    }

    private static void Consider(ref PairSplit result, int cut, SideCut low, SideCut high, double gl, double hl,
        double gt, double ht, double gain)
    {
        if (!(gain > result.Gain)) return;
        result.Gain = gain; result.Axis = 0; result.Cut = cut; result.LowCut = low.Cut; result.HighCut = high.Cut;
        result.LeafG[0] = low.G0; result.LeafH[0] = low.H0; result.LeafG[1] = gl - low.G0; result.LeafH[1] = hl - low.H0;
        result.LeafG[2] = high.G0; result.LeafH[2] = high.H0; result.LeafG[3] = gt - gl - high.G0; result.LeafH[3] = ht - hl - high.H0;
    }

    private readonly record struct SideCut(double Score, int Cut, double G0, double H0);

    /// <summary>
    /// A random cut of one side along the secondary axis. The low side's sums are (lowG, lowH, lowN); the high side's
    /// are total minus low. Returns the side's leaf score sum and the sums of its first leaf.
    /// </summary>
    private SideCut RandomSecondaryCut(Span<double> lowG, Span<double> lowH, Span<int> lowN, Span<double> totG, Span<double> totH,
        Span<int> totN, double gSide, double hSide, int nSide, SplitMixRandom rng)
    {
        bool high = !totG.IsEmpty;
        int secondary = lowG.Length;
        int candidates = 0;
        int offset = _candidates.Length - secondary;
        double gl = 0, hl = 0; int nl = 0;
        for (int s = 0; s < secondary - 1; s++)
        {
            int ns = high ? totN[s] - lowN[s] : lowN[s];
            if (ns == 0) continue; // same partition as the previous position
            gl += high ? totG[s] - lowG[s] : lowG[s];
            hl += high ? totH[s] - lowH[s] : lowH[s];
            nl += ns;
            if (!LeafOk(nl, hl) || !LeafOk(nSide - nl, hSide - hl)) continue;
            _candidates[offset + candidates++] = s;
        }
        if (candidates == 0) return new SideCut(Score(gSide, hSide), -1, gSide, hSide);
        int cut = _candidates[offset + rng.Next(candidates)];
        gl = 0; hl = 0;
        for (int s = 0; s <= cut; s++)
        {
            gl += high ? totG[s] - lowG[s] : lowG[s];
            hl += high ? totH[s] - lowH[s] : lowH[s];
        }
        return new SideCut(Score(gl, hl) + Score(gSide - gl, hSide - hl), cut, gl, hl);
    }
}
