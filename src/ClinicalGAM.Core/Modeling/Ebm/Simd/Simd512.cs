using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace ClinicalGAM.Core.Modeling.Ebm.Simd;

/// <summary>AVX-512 (16 lanes). Every operation is portable except the interleaving store, which has a fallback.</summary>
internal readonly struct Simd512 : ISimdWidth<Vector512<float>, Vector512<int>>
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    public static int Lanes => 16;
    [MethodImpl(Inline)] public static Vector512<float> F(float value) => Vector512.Create(value);
    [MethodImpl(Inline)] public static Vector512<int> I(int value) => Vector512.Create(value);
    public static Vector512<int> LaneBits => Vector512.Create(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768);

    [MethodImpl(Inline)] public static Vector512<float> Load(ref float source, nuint index) => Vector512.LoadUnsafe(ref source, index);
    [MethodImpl(Inline)] public static void Store(Vector512<float> value, ref float destination, nuint index) => value.StoreUnsafe(ref destination, index);
    [MethodImpl(Inline)]
    public static void LoadCodes(ref ushort source, nuint index, out Vector512<int> first, out Vector512<int> second)
    {
        var codes = Vector512.LoadUnsafe(ref source, index);
        first = Vector512.WidenLower(codes).AsInt32();
        second = Vector512.WidenUpper(codes).AsInt32();
    }

    [MethodImpl(Inline)] public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
    [MethodImpl(Inline)] public static Vector512<float> Sub(Vector512<float> a, Vector512<float> b) => a - b;
    [MethodImpl(Inline)] public static Vector512<float> Mul(Vector512<float> a, Vector512<float> b) => a * b;
    [MethodImpl(Inline)] public static Vector512<float> Div(Vector512<float> a, Vector512<float> b) => a / b;
    [MethodImpl(Inline)] public static Vector512<float> MulAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.MultiplyAddEstimate(a, b, c);
    [MethodImpl(Inline)] public static Vector512<float> Min(Vector512<float> a, Vector512<float> b) => Vector512.Min(a, b);
    [MethodImpl(Inline)] public static Vector512<float> Max(Vector512<float> a, Vector512<float> b) => Vector512.Max(a, b);
    [MethodImpl(Inline)] public static Vector512<float> Abs(Vector512<float> a) => Vector512.Abs(a);
    [MethodImpl(Inline)] public static Vector512<float> Neg(Vector512<float> a) => -a;
    [MethodImpl(Inline)] public static Vector512<float> Floor(Vector512<float> a) => Vector512.Floor(a);
    [MethodImpl(Inline)] public static Vector512<float> GreaterThan(Vector512<float> a, Vector512<float> b) => Vector512.GreaterThan(a, b);
    [MethodImpl(Inline)] public static Vector512<float> Select(Vector512<float> mask, Vector512<float> whenTrue, Vector512<float> whenFalse) => Vector512.ConditionalSelect(mask, whenTrue, whenFalse);

    [MethodImpl(Inline)] public static Vector512<int> ToInt(Vector512<float> a) => Vector512.ConvertToInt32(a);
    [MethodImpl(Inline)] public static Vector512<float> ToFloat(Vector512<int> a) => Vector512.ConvertToSingle(a);
    [MethodImpl(Inline)] public static Vector512<int> AsInt(Vector512<float> a) => a.AsInt32();
    [MethodImpl(Inline)] public static Vector512<float> AsFloat(Vector512<int> a) => a.AsSingle();
    [MethodImpl(Inline)] public static Vector512<int> IAdd(Vector512<int> a, Vector512<int> b) => a + b;
    [MethodImpl(Inline)] public static Vector512<int> ISub(Vector512<int> a, Vector512<int> b) => a - b;
    [MethodImpl(Inline)] public static Vector512<int> IMul(Vector512<int> a, Vector512<int> b) => a * b;
    [MethodImpl(Inline)] public static Vector512<int> IAnd(Vector512<int> a, Vector512<int> b) => a & b;
    [MethodImpl(Inline)] public static Vector512<int> IOr(Vector512<int> a, Vector512<int> b) => a | b;
    [MethodImpl(Inline)] public static Vector512<int> ShiftLeft(Vector512<int> a, int count) => Vector512.ShiftLeft(a, count);
    [MethodImpl(Inline)] public static Vector512<int> ShiftRightArithmetic(Vector512<int> a, int count) => Vector512.ShiftRightArithmetic(a, count);
    [MethodImpl(Inline)] public static Vector512<int> ISelect(Vector512<int> mask, Vector512<int> whenTrue, Vector512<int> whenFalse) => Vector512.ConditionalSelect(mask, whenTrue, whenFalse);
    [MethodImpl(Inline)] public static Vector512<float> Equal(Vector512<int> a, Vector512<int> b) => Vector512.Equals(a, b).AsSingle();
    [MethodImpl(Inline)] public static Vector512<int> LessOrEqual(Vector512<int> a, Vector512<int> b) => Vector512.LessThanOrEqual(a, b);

    [MethodImpl(Inline)]
    public static void StoreInterleaved(Vector512<float> a, Vector512<float> b, ref float destination, nuint index)
    {
        if (Avx512F.IsSupported)
        {
            Avx512F.PermuteVar16x32x2(a, Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), b).StoreUnsafe(ref destination, index);
            Avx512F.PermuteVar16x32x2(a, Vector512.Create(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31), b).StoreUnsafe(ref destination, index + 16);
            return;
        }
        // Only reached when a test runs this width on a CPU without AVX-512.
        Simd256.StoreInterleaved(a.GetLower(), b.GetLower(), ref destination, index);
        Simd256.StoreInterleaved(a.GetUpper(), b.GetUpper(), ref destination, index + 16);
    }
}
