using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ClinicalGAM.Core.Modeling.Ebm.Simd;

namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// Log-loss gradients and hessians in one vector pass, written as the interleaved (g, h) pairs the histogram reads.
/// It replaces five passes of the generic path (sigmoid, three arithmetic passes, interleave). With e = exp(-s),
/// p = 1 / (1 + e) and q = e p = 1 - p computed without cancellation: g = p - y (as -q when y = 1) and h = p q, so
/// both stay accurate to a few float ulps even for confident rows, where p - p^2 would lose every digit. One source
/// for every width (<see cref="ISimdWidth{TF, TI}"/>); the width is <see cref="SimdWidth.Bits"/> unless a test asks
/// for another.
/// </summary>
internal static class LogisticKernel
{
    public static bool IsSupported => VectorMath.IsSupported;

    private const int WordBits = 16;

    /// <summary>Labels packed 16 rows to a ushort (bit r of word k = row 16k + r): a pass reads 1/32 of the bytes of
    /// float labels; with two bags sharing the memory bus, a main-effect pass took about 6% less time.</summary>
    public static ushort[] PackLabels(ReadOnlySpan<float> y)
    {
        var bits = new ushort[(y.Length + WordBits - 1) / WordBits];
        for (int i = 0; i < y.Length; i++)
            if (y[i] > 0.5f) bits[i / WordBits] |= (ushort)(1 << (i % WordBits));
        return bits;
    }

    /// <summary>
    /// Fills gradientHessian[2i], [2i + 1] for rows firstRow + i of the bag: score, w and the output start at firstRow,
    /// labelBits covers the whole bag (see <see cref="PackLabels"/>); w empty means unit weights.
    /// </summary>
    public static void GradientPairs(ReadOnlySpan<float> score, ReadOnlySpan<ushort> labelBits, int firstRow,
        ReadOnlySpan<float> w, Span<float> gradientHessian) =>
        GradientPairs(score, labelBits, firstRow, w, gradientHessian, SimdWidth.Bits);

    /// <summary>As above at a given vector width (512, 256, 128, or 0 for scalar).</summary>
    public static void GradientPairs(ReadOnlySpan<float> score, ReadOnlySpan<ushort> labelBits, int firstRow,
        ReadOnlySpan<float> w, Span<float> gradientHessian, int widthBits)
    {
        int n = score.Length;
        if ((!w.IsEmpty && w.Length < n) || gradientHessian.Length < 2 * n || (long)labelBits.Length * WordBits < (long)firstRow + n)
            throw new ArgumentException("Labels, weights and output must cover every row.");
        int i = firstRow % WordBits != 0 ? 0 : widthBits switch
        {
            512 => GradientPairs<Vector512<float>, Vector512<int>, Simd512>(score, labelBits, firstRow, w, gradientHessian),
            256 => GradientPairs<Vector256<float>, Vector256<int>, Simd256>(score, labelBits, firstRow, w, gradientHessian),
            128 => GradientPairs<Vector128<float>, Vector128<int>, Simd128>(score, labelBits, firstRow, w, gradientHessian),
            _ => 0,
        };
        for (; i < n; i++)
        {
            // Same formulas, one row at a time (the tail of a chunk, or the scalar path).
            int row = firstRow + i;
            bool positive = (labelBits[row / WordBits] & (1 << (row % WordBits))) != 0;
            float e = MathF.Exp(-score[i]);
            float p = 1f / (1f + e);
            float q = e * p;
            float weight = w.IsEmpty ? 1f : w[i];
            gradientHessian[2 * i] = (positive ? -q : p) * weight;
            gradientHessian[2 * i + 1] = p * q * weight;
        }
    }

    /// <summary>The vector body; returns the number of rows done (a multiple of the lane count). firstRow is a
    /// multiple of 16, so the lanes of one vector sit in one label word.</summary>
    private static int GradientPairs<TF, TI, W>(ReadOnlySpan<float> score, ReadOnlySpan<ushort> labelBits, int firstRow,
        ReadOnlySpan<float> w, Span<float> gradientHessian)
        where TF : struct where TI : struct where W : ISimdWidth<TF, TI>
    {
        int n = score.Length, lanes = W.Lanes;
        ref float rs = ref MemoryMarshal.GetReference(score);
        ref float rw = ref MemoryMarshal.GetReference(w);
        ref float ro = ref MemoryMarshal.GetReference(gradientHessian);
        bool weighted = !w.IsEmpty;
        var one = W.F(1f);
        var zero = W.I(0);
        int i = 0;
        for (; i + lanes <= n; i += lanes)
        {
            var s = W.Load(ref rs, (nuint)i);
            var e = VectorMath.Exp<TF, TI, W>(W.Neg(s));
            var p = W.Div(one, W.Add(one, e));
            var q = W.Mul(e, p);
            int row = firstRow + i;
            var laneBits = W.ShiftLeft(W.LaneBits, row % WordBits);
            var negative = W.Equal(W.IAnd(W.I(labelBits[row / WordBits]), laneBits), zero);
            var g = W.Select(negative, p, W.Neg(q));
            var h = W.Mul(p, q);
            if (weighted)
            {
                var wv = W.Load(ref rw, (nuint)i);
                g = W.Mul(g, wv);
                h = W.Mul(h, wv);
            }
            W.StoreInterleaved(g, h, ref ro, (nuint)(2 * i));
        }
        return i;
    }

    /// <summary>Per-row log loss, log(1 + e^s) - y s = max(s, 0) + log(1 + e^-|s|) - y s, in one pass.</summary>
    public static void RowLosses(ReadOnlySpan<float> score, ReadOnlySpan<float> y, Span<float> loss) =>
        RowLosses(score, y, loss, SimdWidth.Bits);

    /// <summary>As above at a given vector width (512, 256, 128, or 0 for scalar).</summary>
    public static void RowLosses(ReadOnlySpan<float> score, ReadOnlySpan<float> y, Span<float> loss, int widthBits)
    {
        int n = score.Length;
        if (y.Length < n || loss.Length < n) throw new ArgumentException("Labels and output must cover every row.");
        int i = widthBits switch
        {
            512 => RowLosses<Vector512<float>, Vector512<int>, Simd512>(score, y, loss),
            256 => RowLosses<Vector256<float>, Vector256<int>, Simd256>(score, y, loss),
            128 => RowLosses<Vector128<float>, Vector128<int>, Simd128>(score, y, loss),
            _ => 0,
        };
        for (; i < n; i++)
        {
            float s = score[i];
            loss[i] = MathF.Max(s, 0f) + MathF.Log(1f + MathF.Exp(-MathF.Abs(s))) - y[i] * s;
        }
    }

    private static int RowLosses<TF, TI, W>(ReadOnlySpan<float> score, ReadOnlySpan<float> y, Span<float> loss)
        where TF : struct where TI : struct where W : ISimdWidth<TF, TI>
    {
        int n = score.Length, lanes = W.Lanes;
        ref float rs = ref MemoryMarshal.GetReference(score);
        ref float ry = ref MemoryMarshal.GetReference(y);
        ref float rl = ref MemoryMarshal.GetReference(loss);
        int i = 0;
        for (; i + lanes <= n; i += lanes)
        {
            var s = W.Load(ref rs, (nuint)i);
            var softplus = W.Add(W.Max(s, W.F(0f)),
                VectorMath.Log<TF, TI, W>(W.Add(W.F(1f), VectorMath.Exp<TF, TI, W>(W.Neg(W.Abs(s))))));
            W.Store(W.Sub(softplus, W.Mul(W.Load(ref ry, (nuint)i), s)), ref rl, (nuint)i);
        }
        return i;
    }
}
