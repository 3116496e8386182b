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
    }

    private bool LeafOk(int n, double h) => n >= _minSamplesLeaf && h >= _minHessian && h > 0;

    private static double Score(double g, double h) => h > 0 ? g * g / h : 0;

    /// <summary>Fills update (length = term cells) and returns the gain of the step.</summary>
    public double Compute(BoostTerm term, ReadOnlySpan<double> g, ReadOnlySpan<double> h, ReadOnlySpan<int> n,
        bool random, SplitMixRandom rng, Span<double> update)
    {
        update.Clear();
        return term.Shape switch
        {
            TermShape.Pair => Pair(term.Dims[0], term.Dims[1], g, h, n, random, rng, update),
            _ => Single(term, g, h, n, random, rng, update),
        };
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
        // Missing values: their own leaf (InterpretML's missing="separate").
        double gAll = gt, hAll = ht;
        if (LeafOk(n[0], h[0]))
        {
            update[0] = -_learningRate * g[0] / h[0];
            gain0 += Score(g[0], h[0]);
            gAll += g[0]; hAll += h[0];
        }
        else if (chosen < 0 && !LeafOk(nt, ht)) return 0;
        return Math.Max(0, gain0 - Score(gAll, hAll));
    }

    /// <summary>
    /// Pair step: a cut on the primary axis, then an independent cut on the secondary axis within each side (up to
    /// four leaves), trying both axes as primary. The missing bin is the first position on each axis.
    /// </summary>
    private double Pair(int d0, int d1, ReadOnlySpan<double> g, ReadOnlySpan<double> h, ReadOnlySpan<int> n,
        bool random, SplitMixRandom rng, Span<double> update)
    {
        double gt = 0, ht = 0; int nt = 0;
        for (int c = 0; c < g.Length; c++) { gt += g[c]; ht += h[c]; nt += n[c]; }
        if (!LeafOk(nt, ht)) return 0;

        int bestAxis = -1, bestCut = -1, bestLowCut = -1, bestHighCut = -1;
        double bestGain = double.NegativeInfinity;
        int axisStart = 0, axisEnd = 2;
        if (random) { axisStart = rng.Next(2); axisEnd = axisStart + 1; }

        for (int axis = axisStart; axis < axisEnd; axis++)
        {
            int primary = axis == 0 ? d0 : d1, secondary = axis == 0 ? d1 : d0;
            // Totals per secondary position; "low" accumulates primary positions 0..cut.
            for (int s = 0; s < secondary; s++) { _totG[s] = 0; _totH[s] = 0; _totN[s] = 0; _lowG[s] = 0; _lowH[s] = 0; _lowN[s] = 0; }
            for (int p = 0; p < primary; p++)
                for (int s = 0; s < secondary; s++)
                {
                    int c = axis == 0 ? p * d1 + s : s * d1 + p;
                    _totG[s] += g[c]; _totH[s] += h[c]; _totN[s] += n[c];
                }

            int validPrimary = 0;
            double gl = 0, hl = 0; int nl = 0;
            for (int cut = 0; cut < primary - 1; cut++)
            {
                for (int s = 0; s < secondary; s++)
                {
                    int c = axis == 0 ? cut * d1 + s : s * d1 + cut;
                    _lowG[s] += g[c]; _lowH[s] += h[c]; _lowN[s] += n[c];
                    gl += g[c]; hl += h[c]; nl += n[c];
                }
                if (!LeafOk(nl, hl) || !LeafOk(nt - nl, ht - hl)) continue;
                if (random)
                {
                    _candidates[validPrimary++] = cut;
                    continue;
                }
                double lowScore = BestSecondary(secondary, low: true, gl, hl, nl, false, rng, out int lowCut);
                double highScore = BestSecondary(secondary, low: false, gt - gl, ht - hl, nt - nl, false, rng, out int highCut);
                double gain = lowScore + highScore - Score(gt, ht);
                if (gain > bestGain)
                {
                    bestGain = gain; bestAxis = axis; bestCut = cut; bestLowCut = lowCut; bestHighCut = highCut;
                }
            }
            if (random && validPrimary > 0)
            {
                int cut = _candidates[rng.Next(validPrimary)];
                // Rebuild the low side for the chosen cut.
                for (int s = 0; s < secondary; s++) { _lowG[s] = 0; _lowH[s] = 0; _lowN[s] = 0; }
                gl = 0; hl = 0; nl = 0;
                for (int p = 0; p <= cut; p++)
                    for (int s = 0; s < secondary; s++)
                    {
                        int c = axis == 0 ? p * d1 + s : s * d1 + p;
                        _lowG[s] += g[c]; _lowH[s] += h[c]; _lowN[s] += n[c];
                        gl += g[c]; hl += h[c]; nl += n[c];
                    }
                double lowScore = BestSecondary(secondary, low: true, gl, hl, nl, true, rng, out int lowCut);
                double highScore = BestSecondary(secondary, low: false, gt - gl, ht - hl, nt - nl, true, rng, out int highCut);
                bestGain = lowScore + highScore - Score(gt, ht);
                bestAxis = axis; bestCut = cut; bestLowCut = lowCut; bestHighCut = highCut;
            }
        }

        if (bestAxis < 0)
        {
            double v = -_learningRate * gt / ht;
            update.Fill(v);
            return 0;
        }

        // Leaf values from the cell sums.
        Span<double> leafG = stackalloc double[4];
        Span<double> leafH = stackalloc double[4];
        leafG.Clear(); leafH.Clear();
        for (int c = 0; c < g.Length; c++) { int leaf = LeafOf(c, d1, bestAxis, bestCut, bestLowCut, bestHighCut); leafG[leaf] += g[c]; leafH[leaf] += h[c]; }
        for (int c = 0; c < update.Length; c++)
        {
            int leaf = LeafOf(c, d1, bestAxis, bestCut, bestLowCut, bestHighCut);
            update[c] = leafH[leaf] > 0 ? -_learningRate * leafG[leaf] / leafH[leaf] : 0;
        }
        return Math.Max(0, bestGain);
    }

    private static int LeafOf(int cell, int d1, int axis, int cut, int lowCut, int highCut)
    {
        int b0 = cell / d1, b1 = cell - b0 * d1;
        int p = axis == 0 ? b0 : b1, s = axis == 0 ? b1 : b0;
        if (p <= cut) return lowCut >= 0 && s > lowCut ? 1 : 0;
        return highCut >= 0 && s > highCut ? 3 : 2;
    }

    /// <summary>Best (or random) cut of one side along the secondary axis; returns that side's leaf score sum.</summary>
    private double BestSecondary(int secondary, bool low, double gSide, double hSide, int nSide, bool random,
        SplitMixRandom rng, out int cut)
    {
        cut = -1;
        double best = Score(gSide, hSide);
        int candidates = 0;
        double gl = 0, hl = 0; int nl = 0;
        int offset = _candidates.Length - secondary; // second half of the scratch, away from primary candidates
        for (int s = 0; s < secondary - 1; s++)
        {
            double gs = low ? _lowG[s] : _totG[s] - _lowG[s];
            double hs = low ? _lowH[s] : _totH[s] - _lowH[s];
            int ns = low ? _lowN[s] : _totN[s] - _lowN[s];
            gl += gs; hl += hs; nl += ns;
            if (!LeafOk(nl, hl) || !LeafOk(nSide - nl, hSide - hl)) continue;
            if (random) { _candidates[offset + candidates++] = s; continue; }
            double score = Score(gl, hl) + Score(gSide - gl, hSide - hl);
            if (score > best) { best = score; cut = s; }
        }
        if (random && candidates > 0)
        {
            cut = _candidates[offset + rng.Next(candidates)];
            gl = 0; hl = 0;
            for (int s = 0; s <= cut; s++)
            {
                gl += low ? _lowG[s] : _totG[s] - _lowG[s];
                hl += low ? _lowH[s] : _totH[s] - _lowH[s];
            }
            best = Score(gl, hl) + Score(gSide - gl, hSide - hl);
        }
        return best;
    }
}
