using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ClinicalGAM.Core.Modeling.Ebm.Simd;

namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// Adds a boosting step to row scores: score[i] += update[cell[i]]. A step is a small tree, so its table usually has
/// a simple structure: on an ordered feature, one cut plus the missing bin (three values); on a pair, a cut on one
/// axis and a cut on the other axis within each side (up to four values). Such steps are applied by comparing cell
/// codes a vector of rows at a time (any width) instead of a table lookup per row: a boosting pass on 1M rows took 10% (mains) to 13%
/// (pairs) less time. Values are taken from the table, so the scores are bit-identical to the lookup's. Any other
/// table takes the lookup.
/// </summary>
internal struct ScoreStep
{
    private enum Form { Lookup, Cut, Pair }

    private float[] _update;
    private Form _form;
    // Cut: cell 0 -> _v0 (missing), cells 1.._cut -> _v1, the rest -> _v2.
    // Pair (cell = b0 * _stride + b1): primary p (b0 if !_primaryIsSecondAxis), secondary s; p <= _cut uses
    // s <= _lowCut ? _v0 : _v1, otherwise s <= _highCut ? _v2 : _v3.
    private int _cut, _lowCut, _highCut, _stride;
    private bool _primaryIsSecondAxis;
    private float _v0, _v1, _v2, _v3;

    /// <summary>True when the step is applied by comparing cell codes rather than by a table lookup.</summary>
    public readonly bool ComparesCells => _form != Form.Lookup;

    /// <summary>Prepares the step; the update array is read, not copied, so it must not change until the step is applied.</summary>
    public void Set(float[] update, int[] dims)
    {
        _update = update;
        _form = Form.Lookup;
        int cells = dims.Length == 1 ? dims[0] : dims[0] * dims[1];
        if (!VectorMath.IsSupported || update.Length < cells) return;
        if (dims.Length == 1) SetCut(update, dims[0]);
        else if (dims.Length == 2 && !SetPair(update, dims[0], dims[1], secondAxis: false))
            SetPair(update, dims[0], dims[1], secondAxis: true);
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

    /// <summary>score[i] += update[cells[i]]; cell codes were checked against the term size when counted.</summary>
    public readonly void AddTo(Span<float> score, ReadOnlySpan<ushort> cells) => AddTo(score, cells, SimdWidth.Bits);

    /// <summary>As above at a given vector width (512, 256, 128; 0 takes the lookup).</summary>
    public readonly void AddTo(Span<float> score, ReadOnlySpan<ushort> cells, int widthBits)
    {
        int n = Math.Min(score.Length, cells.Length);
        int i = _form == Form.Lookup ? 0 : widthBits switch
        {
            512 => AddCompared<Vector512<float>, Vector512<int>, Simd512>(score[..n], cells),
            256 => AddCompared<Vector256<float>, Vector256<int>, Simd256>(score[..n], cells),
            128 => AddCompared<Vector128<float>, Vector128<int>, Simd128>(score[..n], cells),
            _ => 0,
        };
        if (i < n) Lookup(score[i..n], cells[i..n], _update);
    }

    /// <summary>Cut and pair steps, 2 Lanes rows at a time (one load of cell codes); returns the rows done.</summary>
    private readonly int AddCompared<TF, TI, W>(Span<float> score, ReadOnlySpan<ushort> cells)
        where TF : struct where TI : struct where W : ISimdWidth<TF, TI>
    {
        ref float s = ref MemoryMarshal.GetReference(score);
        ref ushort c = ref MemoryMarshal.GetReference(cells);
        int lanes = W.Lanes, i = 0;
        if (_form == Form.Cut)
        {
            var cut = W.I(_cut);
            var missing = W.F(_v0);
            var low = W.F(_v1);
            var high = W.F(_v2);
            var zero = W.I(0);
            for (; i + 2 * lanes <= score.Length; i += 2 * lanes)
            {
                W.LoadCodes(ref c, (nuint)i, out var first, out var second);
                var value = W.Select(W.AsFloat(W.LessOrEqual(first, cut)), low, high);
                value = W.Select(W.Equal(first, zero), missing, value);
                W.Store(W.Add(W.Load(ref s, (nuint)i), value), ref s, (nuint)i);
                value = W.Select(W.AsFloat(W.LessOrEqual(second, cut)), low, high);
                value = W.Select(W.Equal(second, zero), missing, value);
                W.Store(W.Add(W.Load(ref s, (nuint)(i + lanes)), value), ref s, (nuint)(i + lanes));
            }
        }
        else
        {
            var pair = new PairValues<TF, TI, W>(this);
            for (; i + 2 * lanes <= score.Length; i += 2 * lanes)
            {
                W.LoadCodes(ref c, (nuint)i, out var first, out var second);
                W.Store(W.Add(W.Load(ref s, (nuint)i), pair.Value(first)), ref s, (nuint)i);
                W.Store(W.Add(W.Load(ref s, (nuint)(i + lanes)), pair.Value(second)), ref s, (nuint)(i + lanes));
            }
        }
        return i;
    }

    /// <summary>A pair step's constants broadcast once, and the value of a vector of cell codes.</summary>
    private readonly struct PairValues<TF, TI, W> where TF : struct where TI : struct where W : ISimdWidth<TF, TI>
    {
        private readonly TI _stride, _cut, _lowCut, _highCut;
        private readonly TF _inverse, _half, _v0, _v1, _v2, _v3;
        private readonly bool _swap;

        public PairValues(in ScoreStep step)
        {
            _stride = W.I(step._stride);
            _inverse = W.F(1f / step._stride);
            _half = W.F(0.5f);
            _cut = W.I(step._cut);
            _lowCut = W.I(step._lowCut);
            _highCut = W.I(step._highCut);
            _v0 = W.F(step._v0);
            _v1 = W.F(step._v1);
            _v2 = W.F(step._v2);
            _v3 = W.F(step._v3);
            _swap = step._primaryIsSecondAxis;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TF Value(TI code)
        {
            // b0 = code / stride: exact in float, the quotient is far from rounding across an integer for codes < 2^16.
            var b0 = W.ToInt(W.Floor(W.Mul(W.Add(W.ToFloat(code), _half), _inverse)));
            var b1 = W.ISub(code, W.IMul(b0, _stride));
            var p = _swap ? b1 : b0;
            var sec = _swap ? b0 : b1;
            var lowSide = W.LessOrEqual(p, _cut);
            var first = W.AsFloat(W.LessOrEqual(sec, W.ISelect(lowSide, _lowCut, _highCut)));
            return W.Select(W.AsFloat(lowSide), W.Select(first, _v0, _v1), W.Select(first, _v2, _v3));
        }
    }

    private static void Lookup(Span<float> score, ReadOnlySpan<ushort> cells, float[] update)
    {
        ref float s = ref MemoryMarshal.GetReference(score);
        ref ushort c = ref MemoryMarshal.GetReference(cells);
        ref float u = ref MemoryMarshal.GetArrayDataReference(update);
        for (int i = 0; i < score.Length; i++)
            Unsafe.Add(ref s, i) += Unsafe.Add(ref u, Unsafe.Add(ref c, i));
    }
}
