using ClinicalGAM.Core.Modeling.Ebm.Simd;

namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// e^x and ln x for a vector of floats at any width, for the log-loss kernels. e^x: x = k ln 2 + r with
/// |r| &lt;= ln 2 / 2, e^r from a degree-7 minimax polynomial (the Cephes expf coefficients), and 2^k put straight into
/// the exponent bits. Relative error below 3e-7 over the clamped range [-87.3, 88.3]: e^x stays a normal float, so
/// 1 / (1 + e^x) never divides by infinity. ln x for positive normal x: x = m 2^k with m in [sqrt(1/2), sqrt(2)),
/// ln m from the Cephes logf polynomial in m - 1. The same operations at every width, so a row's value does not
/// depend on the width where the CPU has FMA (tests pin the bounds per width).
/// </summary>
internal static class VectorMath
{
    /// <summary>True where the boosting kernels run vectorised (any width); otherwise they run scalar code.</summary>
    public static bool IsSupported => SimdWidth.Bits > 0;

    public static TF Exp<TF, TI, W>(TF x) where TF : struct where TI : struct where W : ISimdWidth<TF, TI>
    {
        x = W.Min(W.Max(x, W.F(-87.3f)), W.F(88.3f));
        // Round x / ln 2 to the nearest integer by adding 1.5 * 2^23 (the float's units then sit in the last place).
        var shifted = W.MulAdd(x, W.F(1.44269504088896341f), W.F(12582912f));
        var k = W.Sub(shifted, W.F(12582912f));
        // r = x - k ln 2, with ln 2 split in two so that k * ln2High is exact.
        var r = W.MulAdd(k, W.F(-0.693359375f), x);
        r = W.MulAdd(k, W.F(2.12194440e-4f), r);
        var p = W.F(1.9875691500e-4f);
        p = W.MulAdd(p, r, W.F(1.3981999507e-3f));
        p = W.MulAdd(p, r, W.F(8.3334519073e-3f));
        p = W.MulAdd(p, r, W.F(4.1665795894e-2f));
        p = W.MulAdd(p, r, W.F(1.6666665459e-1f));
        p = W.MulAdd(p, r, W.F(5.0000001201e-1f));
        p = W.Add(W.MulAdd(W.Mul(p, r), r, r), W.F(1f));
        return W.AsFloat(W.IAdd(W.AsInt(p), W.ShiftLeft(W.ToInt(k), 23)));
    }

    public static TF Log<TF, TI, W>(TF x) where TF : struct where TI : struct where W : ISimdWidth<TF, TI>
    {
        var bits = W.AsInt(x);
        var k = W.ISub(W.ShiftRightArithmetic(bits, 23), W.I(127));
        var m = W.AsFloat(W.IOr(W.IAnd(bits, W.I(0x007FFFFF)), W.I(0x3F800000)));
        // Keep m - 1 small: halve m above sqrt(2) and count one more power of two.
        var big = W.GreaterThan(m, W.F(1.41421356f));
        m = W.Select(big, W.Mul(m, W.F(0.5f)), m);
        var e = W.Add(W.ToFloat(k), W.Select(big, W.F(1f), W.F(0f)));
        var f = W.Sub(m, W.F(1f));
        var z = W.Mul(f, f);
        var p = W.F(7.0376836292e-2f);
        p = W.MulAdd(p, f, W.F(-1.1514610310e-1f));
        p = W.MulAdd(p, f, W.F(1.1676998740e-1f));
        p = W.MulAdd(p, f, W.F(-1.2420140846e-1f));
        p = W.MulAdd(p, f, W.F(1.4249322787e-1f));
        p = W.MulAdd(p, f, W.F(-1.6668057665e-1f));
        p = W.MulAdd(p, f, W.F(2.0000714765e-1f));
        p = W.MulAdd(p, f, W.F(-2.4999993993e-1f));
        p = W.MulAdd(p, f, W.F(3.3333331174e-1f));
        var y = W.Mul(W.Mul(p, f), z);
        y = W.MulAdd(e, W.F(-2.12194440e-4f), y);
        y = W.MulAdd(z, W.F(-0.5f), y);
        return W.MulAdd(e, W.F(0.693359375f), W.Add(f, y));
    }
}
