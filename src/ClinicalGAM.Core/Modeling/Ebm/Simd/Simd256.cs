using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace ClinicalGAM.Core.Modeling.Ebm.Simd;

/// <summary>AVX2 (8 lanes). Every operation is portable except the interleaving store, which has a fallback.</summary>
internal readonly struct Simd256 : ISimdWidth<Vector256<float>, Vector256<int>>
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    public static int Lanes => 8;
    [MethodImpl(Inline)] public static Vector256<float> F(float value) => Vector256.Create(value);
    [MethodImpl(Inline)] public static Vector256<int> I(int value) => Vector256.Create(value);
    public static Vector256<int> LaneBits => Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128);

    [MethodImpl(Inline)] public static Vector256<float> Load(ref float source, nuint index) => Vector256.LoadUnsafe(ref source, index);
    [MethodImpl(Inline)] public static void Store(Vector256<float> value, ref float destination, nuint index) => value.StoreUnsafe(ref destination, index);
    [MethodImpl(Inline)]
    public static void LoadCodes(ref ushort source, nuint index, out Vector256<int> first, out Vector256<int> second)
    {
        var codes = Vector256.LoadUnsafe(ref source, index);
        first = Vector256.WidenLower(codes).AsInt32();
        second = Vector256.WidenUpper(codes).AsInt32();
    }

    [MethodImpl(Inline)] public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
    [MethodImpl(Inline)] public static Vector256<float> Sub(Vector256<float> a, Vector256<float> b) => a - b;
    [MethodImpl(Inline)] public static Vector256<float> Mul(Vector256<float> a, Vector256<float> b) => a * b;
    [MethodImpl(Inline)] public static Vector256<float> Div(Vector256<float> a, Vector256<float> b) => a / b;
    [MethodImpl(Inline)] public static Vector256<float> MulAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.MultiplyAddEstimate(a, b, c);
    [MethodImpl(Inline)] public static Vector256<float> Min(Vector256<float> a, Vector256<float> b) => Vector256.Min(a, b);
    [MethodImpl(Inline)] public static Vector256<float> Max(Vector256<float> a, Vector256<float> b) => Vector256.Max(a, b);
    [MethodImpl(Inline)] public static Vector256<float> Abs(Vector256<float> a) => Vector256.Abs(a);
    [MethodImpl(Inline)] public static Vector256<float> Neg(Vector256<float> a) => -a;
    [MethodImpl(Inline)] public static Vector256<float> Floor(Vector256<float> a) => Vector256.Floor(a);
    [MethodImpl(Inline)] public static Vector256<float> GreaterThan(Vector256<float> a, Vector256<float> b) => Vector256.GreaterThan(a, b);
    [MethodImpl(Inline)] public static Vector256<float> Select(Vector256<float> mask, Vector256<float> whenTrue, Vector256<float> whenFalse) => Vector256.ConditionalSelect(mask, whenTrue, whenFalse);

    [MethodImpl(Inline)] public static Vector256<int> ToInt(Vector256<float> a) => Vector256.ConvertToInt32(a);
    [MethodImpl(Inline)] public static Vector256<float> ToFloat(Vector256<int> a) => Vector256.ConvertToSingle(a);
    [MethodImpl(Inline)] public static Vector256<int> AsInt(Vector256<float> a) => a.AsInt32();
    [MethodImpl(Inline)] public static Vector256<float> AsFloat(Vector256<int> a) => a.AsSingle();
    [MethodImpl(Inline)] public static Vector256<int> IAdd(Vector256<int> a, Vector256<int> b) => a + b;
    [MethodImpl(Inline)] public static Vector256<int> ISub(Vector256<int> a, Vector256<int> b) => a - b;
    [MethodImpl(Inline)] public static Vector256<int> IMul(Vector256<int> a, Vector256<int> b) => a * b;
    [MethodImpl(Inline)] public static Vector256<int> IAnd(Vector256<int> a, Vector256<int> b) => a & b;
    [MethodImpl(Inline)] public static Vector256<int> IOr(Vector256<int> a, Vector256<int> b) => a | b;
    [MethodImpl(Inline)] public static Vector256<int> ShiftLeft(Vector256<int> a, int count) => Vector256.ShiftLeft(a, count);
    [MethodImpl(Inline)] public static Vector256<int> ShiftRightArithmetic(Vector256<int> a, int count) => Vector256.ShiftRightArithmetic(a, count);
    [MethodImpl(Inline)] public static Vector256<int> ISelect(Vector256<int> mask, Vector256<int> whenTrue, Vector256<int> whenFalse) => Vector256.ConditionalSelect(mask, whenTrue, whenFalse);
    [MethodImpl(Inline)] public static Vector256<float> Equal(Vector256<int> a, Vector256<int> b) => Vector256.Equals(a, b).AsSingle();
    [MethodImpl(Inline)] public static Vector256<int> LessOrEqual(Vector256<int> a, Vector256<int> b) => Vector256.LessThanOrEqual(a, b);

    [MethodImpl(Inline)]
    public static void StoreInterleaved(Vector256<float> a, Vector256<float> b, ref float destination, nuint index)
    {
        if (Avx.IsSupported)
        {
            // Unpack works within 128-bit halves; the two permutes put the halves back in row order.
            var low = Avx.UnpackLow(a, b);
            var high = Avx.UnpackHigh(a, b);
            Avx.Permute2x128(low, high, 0x20).StoreUnsafe(ref destination, index);
            Avx.Permute2x128(low, high, 0x31).StoreUnsafe(ref destination, index + 8);
            return;
        }
        Simd128.StoreInterleaved(a.GetLower(), b.GetLower(), ref destination, index);
        Simd128.StoreInterleaved(a.GetUpper(), b.GetUpper(), ref destination, index + 8);
    }
}
