using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// The vector width the boosting kernels run at, chosen once at start, and e^x and ln x on a vector of any width. e^x:
/// x = k ln 2 + r with |r| &lt;= ln 2 / 2, e^r from a degree-7 minimax polynomial (the Cephes expf coefficients), and
/// 2^k put straight into the exponent bits. Relative error below 3e-7 over the clamped range [-87.3, 88.3] at every
/// width, fused or not (k ln2High is exact, so an unfused product loses nothing there): e^x stays a normal float, so
/// 1 / (1 + e^x) never divides by infinity. ln x for positive normal x: x = m 2^k with m in [sqrt(1/2), sqrt(2)),
/// ln m from the Cephes logf polynomial in m - 1; absolute error below 2e-7 for x near 1, relative elsewhere.
/// </summary>
internal static class VectorMath
{
    /// <summary>
    /// Bits per vector of the kernels on this CPU: 512 (AVX-512), 256 (AVX2), 128 (SSE4 or ARM NEON), or 0 where no
    /// vector unit is accelerated and the kernels run row by row. Read once: a fit never mixes widths.
    /// </summary>
    public static readonly int Width =
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? 512
        : Vector256.IsHardwareAccelerated ? 256
        : Vector128.IsHardwareAccelerated ? 128
        : 0;

    /// <summary>True where the vector kernels of boosting run; elsewhere they fall back to scalar code.</summary>
    public static bool IsSupported => Width != 0;

    /// <summary>The widths a test may force: 0 (scalar) and each vector width (run in software where not accelerated).</summary>
    public static readonly int[] AllWidths = [512, 256, 128, 0];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Exp<TW, TV>(TV x) where TW : IVectorWidth<TV> where TV : struct
    {
        x = TW.Min(TW.Max(x, TW.Create(-87.3f)), TW.Create(88.3f));
        // Round x / ln 2 to the nearest integer by adding 1.5 * 2^23 (the float's units then sit in the last place).
        var shifted = TW.MultiplyAdd(x, TW.Create(1.44269504088896341f), TW.Create(12582912f));
        var k = TW.Subtract(shifted, TW.Create(12582912f));
        // r = x - k ln 2, with ln 2 split in two so that k * ln2High is exact.
        var r = TW.MultiplyAdd(k, TW.Create(-0.693359375f), x);
        r = TW.MultiplyAdd(k, TW.Create(2.12194440e-4f), r);
        var p = TW.Create(1.9875691500e-4f);
        p = TW.MultiplyAdd(p, r, TW.Create(1.3981999507e-3f));
        p = TW.MultiplyAdd(p, r, TW.Create(8.3334519073e-3f));
        p = TW.MultiplyAdd(p, r, TW.Create(4.1665795894e-2f));
        p = TW.MultiplyAdd(p, r, TW.Create(1.6666665459e-1f));
        p = TW.MultiplyAdd(p, r, TW.Create(5.0000001201e-1f));
        p = TW.Add(TW.MultiplyAdd(TW.Multiply(p, r), r, r), TW.Create(1f));
        return TW.ScaleByPowerOfTwo(p, k);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Log<TW, TV>(TV x) where TW : IVectorWidth<TV> where TV : struct
    {
        var m = TW.Mantissa(x, out var e);
        // Keep m - 1 small: halve m above sqrt(2) and count one more power of two.
        var big = TW.GreaterThan(m, TW.Create(1.41421356f));
        m = TW.Select(big, TW.Multiply(m, TW.Create(0.5f)), m);
        e = TW.Add(e, TW.Select(big, TW.Create(1f), TW.Create(0f)));
        var f = TW.Subtract(m, TW.Create(1f));
        var z = TW.Multiply(f, f);
        var p = TW.Create(7.0376836292e-2f);
        p = TW.MultiplyAdd(p, f, TW.Create(-1.1514610310e-1f));
        p = TW.MultiplyAdd(p, f, TW.Create(1.1676998740e-1f));
        p = TW.MultiplyAdd(p, f, TW.Create(-1.2420140846e-1f));
        p = TW.MultiplyAdd(p, f, TW.Create(1.4249322787e-1f));
        p = TW.MultiplyAdd(p, f, TW.Create(-1.6668057665e-1f));
        p = TW.MultiplyAdd(p, f, TW.Create(2.0000714765e-1f));
        p = TW.MultiplyAdd(p, f, TW.Create(-2.4999993993e-1f));
        p = TW.MultiplyAdd(p, f, TW.Create(3.3333331174e-1f));
        var y = TW.Multiply(TW.Multiply(p, f), z);
        y = TW.MultiplyAdd(e, TW.Create(-2.12194440e-4f), y);
        y = TW.MultiplyAdd(z, TW.Create(-0.5f), y);
        return TW.MultiplyAdd(e, TW.Create(0.693359375f), TW.Add(f, y));
    }

    /// <summary>e^x of one float at the given width (lane 0), for tests of each width on any CPU.</summary>
    internal static float Exp(float x, int width) => width switch
    {
        512 => Exp<Width512, Vector512<float>>(Vector512.Create(x)).GetElement(0),
        256 => Exp<Width256, Vector256<float>>(Vector256.Create(x)).GetElement(0),
        128 => Exp<Width128, Vector128<float>>(Vector128.Create(x)).GetElement(0),
        _ => throw new ArgumentOutOfRangeException(nameof(width)),
    };

    /// <summary>ln x of one float at the given width (lane 0).</summary>
    internal static float Log(float x, int width) => width switch
    {
        512 => Log<Width512, Vector512<float>>(Vector512.Create(x)).GetElement(0),
        256 => Log<Width256, Vector256<float>>(Vector256.Create(x)).GetElement(0),
        128 => Log<Width128, Vector128<float>>(Vector128.Create(x)).GetElement(0),
        _ => throw new ArgumentOutOfRangeException(nameof(width)),
    };
}
