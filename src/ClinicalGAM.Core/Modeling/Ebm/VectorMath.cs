using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// e^x and ln x for 16 floats at once, for the log-loss kernels. e^x: x = k ln 2 + r with |r| &lt;= ln 2 / 2, e^r from a degree-7 minimax polynomial (the
/// Cephes expf coefficients), and 2^k put straight into the exponent bits. Relative error below 3e-7 over the clamped
/// range [-87.3, 88.3]: e^x stays a normal float, so 1 / (1 + e^x) never divides by infinity. ln x for positive
/// normal x: x = m 2^k with m in [sqrt(1/2), sqrt(2)), ln m from the Cephes logf polynomial in m - 1.
/// </summary>
internal static class VectorMath
{
    /// <summary>True where the AVX-512 kernels of boosting run; elsewhere they fall back to scalar or span code.</summary>
    public static bool IsSupported => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

    public static Vector512<float> Exp(Vector512<float> x)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(-87.3f)), Vector512.Create(88.3f));
        // Round x / ln 2 to the nearest integer by adding 1.5 * 2^23 (the float's units then sit in the last place).
        var shifted = Vector512.FusedMultiplyAdd(x, Vector512.Create(1.44269504088896341f), Vector512.Create(12582912f));
        var k = shifted - Vector512.Create(12582912f);
        // r = x - k ln 2, with ln 2 split in two so that k * ln2High is exact.
        var r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-0.693359375f), x);
        r = Vector512.FusedMultiplyAdd(k, Vector512.Create(2.12194440e-4f), r);
        var p = Vector512.Create(1.9875691500e-4f);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.3981999507e-3f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(8.3334519073e-3f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(4.1665795894e-2f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.6666665459e-1f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(5.0000001201e-1f));
        p = Vector512.FusedMultiplyAdd(p * r, r, r) + Vector512<float>.One;
        return (p.AsInt32() + Vector512.ShiftLeft(Vector512.ConvertToInt32(k), 23)).AsSingle();
    }

    public static Vector512<float> Log(Vector512<float> x)
    {
        var bits = x.AsInt32();
        var k = Vector512.ShiftRightArithmetic(bits, 23) - Vector512.Create(127);
        var m = ((bits & Vector512.Create(0x007FFFFF)) | Vector512.Create(0x3F800000)).AsSingle();
        // Keep m - 1 small: halve m above sqrt(2) and count one more power of two.
        var big = Vector512.GreaterThan(m, Vector512.Create(1.41421356f));
        m = Vector512.ConditionalSelect(big, m * Vector512.Create(0.5f), m);
        var e = Vector512.ConvertToSingle(k) + Vector512.ConditionalSelect(big, Vector512<float>.One, Vector512<float>.Zero);
        var f = m - Vector512<float>.One;
        var z = f * f;
        var p = Vector512.Create(7.0376836292e-2f);
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(-1.1514610310e-1f));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(1.1676998740e-1f));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(-1.2420140846e-1f));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(1.4249322787e-1f));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(-1.6668057665e-1f));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(2.0000714765e-1f));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(-2.4999993993e-1f));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(3.3333331174e-1f));
        var y = p * f * z;
        y = Vector512.FusedMultiplyAdd(e, Vector512.Create(-2.12194440e-4f), y);
        y = Vector512.FusedMultiplyAdd(z, Vector512.Create(-0.5f), y);
        return Vector512.FusedMultiplyAdd(e, Vector512.Create(0.693359375f), f + y);
    }
}
