using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// Adds a boosting step to row scores: score[i] += update[cell[i]]. A step is a small tree, so its table usually has
/// a simple structure: on an ordered feature, one cut plus the missing bin (three values); on a pair, a cut on one
/// axis and a cut on the other axis within each side (up to four values). Such steps are applied by comparing cell
/// codes a vector of rows at a time (one generic kernel over the width, see <see cref="IVectorWidth{TV}"/>) instead
/// of a table lookup per row: a boosting pass on 1M rows (AVX-512) took 10% (mains) to 13%
/// (pairs) less time. Values are taken from the table, so the scores are bit-identical to the lookup's. Any other
/// table takes the lookup.
/// For log loss the training rows carry e^-score instead of the score (see <see cref="RowGradients.CarriesNegativeOdds"/>):
/// a step then multiplies each row by e^-update of its cell (<see cref="AsFactors"/>), a few exponentials per step
/// instead of one per row.
/// </summary>
internal struct ScoreStep
{
    private enum Form { Lookup, Cut, Pair, Few }

    /// <summary>Most cells of a table applied by comparing every code (a category's few levels and its missing bin).</summary>
    internal const int FewCells = 8;

    /// <summary>e^-x stays a normal float inside these bounds (as the kernels' own e^x clamps its argument).</summary>
    internal const float MinNegativeOdds = 1.2e-38f, MaxNegativeOdds = 2.2e38f;

    private float[] _update;
    private Form _form;
    private bool _multiplies;
    // Cut: cell 0 -> _v0 (missing), cells 1.._cut -> _v1, the rest -> _v2.
    // Pair (cell = b0 * _stride + b1): primary p (b0 if !_primaryIsSecondAxis), secondary s; p <= _cut uses
    // s <= _lowCut ? _v0 : _v1, otherwise s <= _highCut ? _v2 : _v3.
    private int _cut, _lowCut, _highCut, _stride;
    private bool _primaryIsSecondAxis;
    private float _v0, _v1, _v2, _v3;
    // Few: any table of at most FewCells cells, value by value (nominal features: their steps follow the categories'
    // order by gradient, so they are no cut; the row-by-row lookup took as long as every ordered feature's cut steps).
    private FewValues _few;
    private int _fewCount;

    [InlineArray(FewCells)]
    private struct FewValues { private float _element; }

    /// <summary>True when the step is applied by comparing cell codes rather than by a table lookup.</summary>
    public readonly bool ComparesCells => _form != Form.Lookup;

    /// <summary>Prepares the step; the update array is read, not copied, so it must not change until the step is applied.</summary>
    public void Set(float[] update, int[] dims)
    {
        _update = update;
        _form = Form.Lookup;
        _multiplies = false;
        _fewCount = 0;
        int cells = dims.Length == 1 ? dims[0] : dims[0] * dims[1];
        if (update.Length < cells) return;
        if (dims.Length == 1) SetCut(update, dims[0]);
        else if (dims.Length == 2 && !SetPair(update, dims[0], dims[1], secondAxis: false))
            SetPair(update, dims[0], dims[1], secondAxis: true);
        if (_form == Form.Lookup && cells <= FewCells)
        {
            _form = Form.Few;
            _fewCount = cells;
            for (int c = 0; c < cells; c++) _few[c] = update[c];
        }
    }

    private void SetCut(float[] update, int cells)
    {
        if (cells < 2) return;
        int k = 1 + LastOfFirstRun(update, 1, 1, cells - 2);
        for (int j = k + 2; j < cells; j++)
            if (!Same(update[j], update[k + 1])) return;
        _form = Form.Cut;
        _cut = k;
        _v0 = update[0];
        _v1 = update[1];
        _v2 = k + 1 < cells ? update[k + 1] : update[1];
    }

    /// <summary>
    /// Prepares a pair step from the tree that filled its table (see <see cref="PairTreeShape"/>): the same values
    /// as <see cref="Set"/> reads back from the table, without scanning it. The table is read, not copied.
    /// </summary>
    public void SetPairTree(float[] update, int d0, int d1, PairTreeShape tree)
    {
        if (!tree.IsTree || update.Length < d0 * d1) { Set(update, [d0, d1]); return; }
        bool secondAxis = tree.Axis == 1;
        int primary = secondAxis ? d1 : d0, secondary = secondAxis ? d0 : d1;
        int primaryStep = secondAxis ? 1 : d1, secondaryStep = secondAxis ? d1 : 1;
        _update = update;
        _multiplies = false;
        _form = Form.Pair;
        _stride = d1;
        _primaryIsSecondAxis = secondAxis;
        _cut = Math.Min(tree.Cut, primary - 1);
        // A whole side is one run to its end.
        _lowCut = tree.LowCut >= 0 ? Math.Min(tree.LowCut, secondary - 1) : secondary - 1;
        _highCut = tree.HighCut >= 0 ? Math.Min(tree.HighCut, secondary - 1) : secondary - 1;
        _v0 = update[0];
        _v1 = update[Math.Min(_lowCut + 1, secondary - 1) * secondaryStep];
        int high = _cut + 1 < primary ? (_cut + 1) * primaryStep : 0;
        _v2 = update[high];
        _v3 = update[high + Math.Min(_highCut + 1, secondary - 1) * secondaryStep];
    }

    /// <summary>Rows of the primary axis 0.._cut share one "first run, then second value" profile, the rest another.</summary>
    private bool SetPair(float[] update, int d0, int d1, bool secondAxis)
    {
        int primary = secondAxis ? d1 : d0, secondary = secondAxis ? d0 : d1;
        int primaryStep = secondAxis ? 1 : d1, secondaryStep = secondAxis ? d1 : 1;
        if (primary < 1 || secondary < 1) return false;
        int lowCut = LastOfFirstRun(update, 0, secondaryStep, secondary - 1);
        int cut = 0;
        while (cut + 1 < primary && SameRow(update, (cut + 1) * primaryStep, 0, secondaryStep, secondary)) cut++;
        int highCut = lowCut;
        if (cut + 1 < primary)
        {
            int rowStart = (cut + 1) * primaryStep;
            highCut = LastOfFirstRun(update, rowStart, secondaryStep, secondary - 1);
            for (int p = cut + 2; p < primary; p++)
                if (!SameRow(update, p * primaryStep, rowStart, secondaryStep, secondary)) return false;
        }
        if (!IsTwoRuns(update, 0, secondaryStep, secondary, lowCut)) return false;
        if (cut + 1 < primary && !IsTwoRuns(update, (cut + 1) * primaryStep, secondaryStep, secondary, highCut)) return false;

        _form = Form.Pair;
        _stride = d1;
        _primaryIsSecondAxis = secondAxis;
        _cut = cut;
        _lowCut = lowCut;
        _highCut = highCut;
        _v0 = update[0];
        _v1 = update[Math.Min(lowCut + 1, secondary - 1) * secondaryStep];
        int high = cut + 1 < primary ? (cut + 1) * primaryStep : 0;
        _v2 = update[high];
        _v3 = update[high + Math.Min(highCut + 1, secondary - 1) * secondaryStep];
        return true;
    }

    /// <summary>
    /// The same step as factors e^-update for rows that carry e^-score: the table's values (at most four distinct on
    /// a tree step, so the exponentials are cached by value) go to <paramref name="factors"/>, which must stay unchanged
    /// until the step is applied.
    /// </summary>
    public readonly ScoreStep AsFactors(float[] factors)
    {
        var step = this;
        step._multiplies = true;
        step._v0 = Factor(_v0); step._v1 = Factor(_v1); step._v2 = Factor(_v2); step._v3 = Factor(_v3);
        for (int c = 0; c < _fewCount; c++) step._few[c] = Factor(_few[c]);
        if (_form == Form.Lookup)
        {
            Span<float> seen = stackalloc float[4];
            Span<float> factor = stackalloc float[4];
            int cached = 0, next = 0;
            for (int c = 0; c < _update.Length && c < factors.Length; c++)
            {
                float u = _update[c];
                int k = 0;
                while (k < cached && !Same(seen[k], u)) k++;
                if (k == cached)
                {
                    k = next;
                    seen[k] = u; factor[k] = Factor(u);
                    next = (next + 1) % 4;
                    cached = Math.Min(cached + 1, 4);
                }
                factors[c] = factor[k];
            }
            step._update = factors;
        }
        return step;
    }

    private static float Factor(float update) => (float)Math.Exp(-(double)update);

    /// <summary>Last position of the run of values equal to the first, among positions 0..last at start + position * step.</summary>
    private static int LastOfFirstRun(float[] update, int start, int step, int last)
    {
        int k = 0;
        while (k < last && Same(update[start + (k + 1) * step], update[start])) k++;
        return k;
    }

    /// <summary>Cells after the first run, up to the end of the row, all share one value.</summary>
    private static bool IsTwoRuns(float[] update, int start, int step, int count, int firstRunEnd)
    {
        for (int j = firstRunEnd + 2; j < count; j++)
            if (!Same(update[start + j * step], update[start + (firstRunEnd + 1) * step])) return false;
        return true;
    }

    private static bool SameRow(float[] update, int a, int b, int step, int count)
    {
        for (int j = 0; j < count; j++)
            if (!Same(update[a + j * step], update[b + j * step])) return false;
        return true;
    }

    private static bool Same(float a, float b) => BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b);

    /// <summary>
    /// score[i] += update[cells[i]] (or, for factors, score[i] *= factor[cells[i]] kept within the normal floats);
    /// cell codes were checked against the term size when counted.
    /// </summary>
    public readonly void AddTo(Span<float> score, ReadOnlySpan<ushort> cells) => AddTo(score, cells, VectorMath.Width);

    /// <summary>The same at a given vector width (0 = table lookup), so that tests reach every width on any CPU.</summary>
    internal readonly void AddTo(Span<float> score, ReadOnlySpan<ushort> cells, int width)
    {
        if (_multiplies) ApplyTo<Multiplying>(score, cells, width);
        else ApplyTo<Adding>(score, cells, width);
    }

    private readonly void ApplyTo<TOp>(Span<float> score, ReadOnlySpan<ushort> cells, int width) where TOp : IStepOperation
    {
        int n = Math.Min(score.Length, cells.Length);
        int i = (_form, width) switch
        {
            (Form.Cut, 512) => AddCut<Width512, Vector512<float>, TOp>(score[..n], cells),
            (Form.Cut, 256) => AddCut<Width256, Vector256<float>, TOp>(score[..n], cells),
            (Form.Cut, 128) => AddCut<Width128, Vector128<float>, TOp>(score[..n], cells),
            (Form.Pair, 512) => AddPair<Width512, Vector512<float>, TOp>(score[..n], cells),
            (Form.Pair, 256) => AddPair<Width256, Vector256<float>, TOp>(score[..n], cells),
            (Form.Pair, 128) => AddPair<Width128, Vector128<float>, TOp>(score[..n], cells),
            (Form.Few, 512) => AddFew<Width512, Vector512<float>, TOp>(score[..n], cells),
            (Form.Few, 256) => AddFew<Width256, Vector256<float>, TOp>(score[..n], cells),
            (Form.Few, 128) => AddFew<Width128, Vector128<float>, TOp>(score[..n], cells),
            _ => 0,
        };
        if (i == n) return;
        if (_form == Form.Lookup) Lookup<TOp>(score[i..n], cells[i..n], _update);
        else
        {
            // The rows after the last whole vector (or all rows without vectors): the same values, one row at a time.
            for (; i < n; i++) score[i] = TOp.Apply(score[i], ValueOf(cells[i]));
        }
    }

    /// <summary>The step's value for a cell code, from the cut or pair form (not the table: for factors it holds e^-update only in the lookup form).</summary>
    private readonly float ValueOf(int code)
    {
        if (_form == Form.Cut) return code == 0 ? _v0 : code <= _cut ? _v1 : _v2;
        if (_form == Form.Few) return _few[code];
        int b0 = code / _stride, b1 = code - b0 * _stride;
        int p = _primaryIsSecondAxis ? b1 : b0, sec = _primaryIsSecondAxis ? b0 : b1;
        bool lowSide = p <= _cut;
        bool first = sec <= (lowSide ? _lowCut : _highCut);
        return lowSide ? (first ? _v0 : _v1) : (first ? _v2 : _v3);
    }

    // Cell codes are compared as floats: codes below 2^16 are exact, and so are b0 * stride and code - b0 * stride.
    private readonly int AddCut<TW, TV, TOp>(Span<float> score, ReadOnlySpan<ushort> cells)
        where TW : IVectorWidth<TV> where TV : struct where TOp : IStepOperation
    {
        ref float s = ref MemoryMarshal.GetReference(score);
        ref ushort c = ref MemoryMarshal.GetReference(cells);
        var cut = TW.Create(_cut);
        var zero = TW.Create(0f);
        var missing = TW.Create(_v0);
        var low = TW.Create(_v1);
        var high = TW.Create(_v2);
        int lanes = TW.Lanes, i = 0;
        for (; i + lanes <= score.Length; i += lanes)
        {
            var code = TW.LoadCells(ref c, (nuint)i);
            var value = TW.Select(TW.LessThanOrEqual(code, cut), low, high);
            value = TW.Select(TW.Equal(code, zero), missing, value);
            TW.Store(TOp.Apply<TW, TV>(TW.Load(ref s, (nuint)i), value), ref s, (nuint)i);
        }
        return i;
    }

    private readonly int AddPair<TW, TV, TOp>(Span<float> score, ReadOnlySpan<ushort> cells)
        where TW : IVectorWidth<TV> where TV : struct where TOp : IStepOperation =>
        _primaryIsSecondAxis
            ? AddPair<TW, TV, TOp, SecondAxisFirst>(score, cells)
            : AddPair<TW, TV, TOp, FirstAxisFirst>(score, cells);

    // One loop per primary axis: choosing the axis inside the loop cost a branch and three register moves per vector.
    private readonly int AddPair<TW, TV, TOp, TAxis>(Span<float> score, ReadOnlySpan<ushort> cells)
        where TW : IVectorWidth<TV> where TV : struct where TOp : IStepOperation where TAxis : IPrimaryAxis
    {
        ref float s = ref MemoryMarshal.GetReference(score);
        ref ushort c = ref MemoryMarshal.GetReference(cells);
        var negativeStride = TW.Create(-_stride);
        var inverse = TW.Create(1f / _stride);
        var half = TW.Create(0.5f);
        var cut = TW.Create(_cut);
        var lowCut = TW.Create(_lowCut);
        var highCut = TW.Create(_highCut);
        var v0 = TW.Create(_v0);
        var v1 = TW.Create(_v1);
        var v2 = TW.Create(_v2);
        var v3 = TW.Create(_v3);
        nuint lanes = (nuint)TW.Lanes, i = 0, n = (nuint)score.Length;
        for (; i + lanes <= n; i += lanes)
        {
            var code = TW.LoadCells(ref c, i);
            // b0 = code / stride: the quotient is far from rounding across an integer for codes < 2^16; b1 exact
            // (small integers) whether or not the multiply-add is fused.
            var b0 = TW.Floor(TW.Multiply(TW.Add(code, half), inverse));
            var b1 = TW.MultiplyAdd(b0, negativeStride, code);
            var p = TAxis.SecondIsPrimary ? b1 : b0;
            var sec = TAxis.SecondIsPrimary ? b0 : b1;
            var lowSide = TW.LessThanOrEqual(p, cut);
            var first = TW.LessThanOrEqual(sec, TW.Select(lowSide, lowCut, highCut));
            var value = TW.Select(lowSide, TW.Select(first, v0, v1), TW.Select(first, v2, v3));
            TW.Store(TOp.Apply<TW, TV>(TW.Load(ref s, i), value), ref s, i);
        }
        return (int)i;
    }

    /// <summary>
    /// Each row's value picked from the table by its code with a vector permute (the eight compare-and-selects this
    /// replaced took 0.24-0.36 ns per row against 0.09, on 850,000 rows, AVX2).
    /// </summary>
    private readonly int AddFew<TW, TV, TOp>(Span<float> score, ReadOnlySpan<ushort> cells)
        where TW : IVectorWidth<TV> where TV : struct where TOp : IStepOperation
    {
        ref float s = ref MemoryMarshal.GetReference(score);
        ref ushort c = ref MemoryMarshal.GetReference(cells);
        // Sixteen floats: the table, then zeros, so that both halves load at every width.
        Span<float> table = stackalloc float[2 * FewCells];
        table.Clear();
        for (int k = 0; k < _fewCount; k++) table[k] = _few[k];
        ref float t = ref MemoryMarshal.GetReference(table);
        var low = TW.Load(ref t, 0);
        var high = TW.Load(ref t, (nuint)(TW.Lanes < FewCells ? TW.Lanes : 0));
        nuint lanes = (nuint)TW.Lanes, i = 0, n = (nuint)score.Length;
        for (; i + lanes <= n; i += lanes)
            TW.Store(TOp.Apply<TW, TV>(TW.Load(ref s, i), TW.PickFromEight(low, high, ref c, i)), ref s, i);
        return (int)i;
    }

    private interface IPrimaryAxis { static abstract bool SecondIsPrimary { get; } }
    private readonly struct FirstAxisFirst : IPrimaryAxis { public static bool SecondIsPrimary => false; }
    private readonly struct SecondAxisFirst : IPrimaryAxis { public static bool SecondIsPrimary => true; }

    private static void Lookup<TOp>(Span<float> score, ReadOnlySpan<ushort> cells, float[] update) where TOp : IStepOperation
    {
        ref float s = ref MemoryMarshal.GetReference(score);
        ref ushort c = ref MemoryMarshal.GetReference(cells);
        ref float u = ref MemoryMarshal.GetArrayDataReference(update);
        for (int i = 0; i < score.Length; i++)
            Unsafe.Add(ref s, i) = TOp.Apply(Unsafe.Add(ref s, i), Unsafe.Add(ref u, Unsafe.Add(ref c, i)));
    }

    /// <summary>How a step's value meets a row: added to a score, or multiplied into e^-score.</summary>
    private interface IStepOperation
    {
        static abstract float Apply(float row, float value);
        static abstract TV Apply<TW, TV>(TV row, TV value) where TW : IVectorWidth<TV> where TV : struct;
    }

    private readonly struct Adding : IStepOperation
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float row, float value) => row + value;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Apply<TW, TV>(TV row, TV value) where TW : IVectorWidth<TV> where TV : struct => TW.Add(row, value);
    }

    private readonly struct Multiplying : IStepOperation
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Apply(float row, float value) => Math.Clamp(row * value, MinNegativeOdds, MaxNegativeOdds);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Apply<TW, TV>(TV row, TV value) where TW : IVectorWidth<TV> where TV : struct =>
            TW.Min(TW.Max(TW.Multiply(row, value), TW.Create(MinNegativeOdds)), TW.Create(MaxNegativeOdds));
    }
}
