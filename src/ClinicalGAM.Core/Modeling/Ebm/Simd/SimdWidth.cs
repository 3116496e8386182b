using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ClinicalGAM.Core.Modeling.Ebm.Simd;

/// <summary>
/// The vector width the boosting kernels run at on this CPU, chosen once at start: 512 bits where AVX-512 is
/// accelerated, else 256 (AVX2), else 128 (SSE4 / NEON), else 0 (scalar). The runtime switches
/// <c>DOTNET_EnableAVX512=0</c>, <c>DOTNET_EnableAVX2=0</c> and <c>DOTNET_EnableHWIntrinsic=0</c> select the narrower
/// paths on any machine (test.sh runs the modelling tests on each).
/// </summary>
internal static class SimdWidth
{
    public static readonly int Bits =
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? 512
        : Vector256.IsHardwareAccelerated ? 256
        : Vector128.IsHardwareAccelerated ? 128
        : 0;

    /// <summary>"AVX-512 (512-bit)", "AVX2 (256-bit)" ...: for benchmark output and the fit diagnostics.</summary>
    public static string Describe(int bits) => bits switch
    {
        512 => "AVX-512 (512-bit vectors)",
        256 => "256-bit vectors (AVX2)",
        128 => "128-bit vectors (SSE4 / NEON)",
        _ => "scalar",
    };
}
