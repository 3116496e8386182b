using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace ClinicalGAM.Core.Modeling.Ebm.Simd;

/// <summary>SSE4 / ARM NEON (4 lanes). Every operation is portable except the interleaving store, which has a fallback.</summary>
internal readonly struct Simd128 : ISimdWidth<Vector128<float>, Vector128<int>>
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    public static int Lanes => 4;
    [MethodImpl(Inline)] public static Vector128<float> F(float value) => Vector128.Create(value);
    [MethodImpl(Inline)] public static Vector128<int> I(int value) => Vector128.Create(value);
    public static Vector128<int> LaneBits => Vector128.Create(1, 2, 4, 8);

    [MethodImpl(Inline)] public static Vector128<float> Load(ref float source, nuint index) => Vector128.LoadUnsafe(ref source, index);
    [MethodImpl(Inline)] public static void Store(Vector128<float> value, ref float destination, nuint index) => value.StoreUnsafe(ref destination, index);
    [MethodImpl(Inline)]
    public static void LoadCodes(ref ushort source, nuint index, out Vector128<int> first, out Vector128<int> second)
    {
        var codes = Vector128.LoadUnsafe(ref source, index);
        first = Vector128.WidenLower(codes).AsInt32();
        second = Vector128.WidenUpper(codes).AsInt32();
    }

    [MethodImpl(Inline)] public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;
    [MethodImpl(Inline)] public static Vector128<float> Sub(Vector128<float> a, Vector128<float> b) => a - b;
    [MethodImpl(Inline)] public static Vector128<float> Mul(Vector128<float> a, Vector128<float> b) => a * b;
    [MethodImpl(Inline)] public static Vector128<float> Div(Vector128<float> a, Vector128<float> b) => a / b;
    [MethodImpl(Inline)] public static Vector128<float> MulAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.MultiplyAddEstimate(a, b, c);
    [MethodImpl(Inline)] public static Vector128<float> Min(Vector128<float> a, Vector128<float> b) => Vector128.Min(a, b);
    [MethodImpl(Inline)] public static Vector128<float> Max(Vector128<float> a, Vector128<float> b) => Vector128.Max(a, b);
    [MethodImpl(Inline)] public static Vector128<float> Abs(Vector128<float> a) => Vector128.Abs(a);
    [MethodImpl(Inline)] public static Vector128<float> Neg(Vector128<float> a) => -a;
    [MethodImpl(Inline)] public static Vector128<float> Floor(Vector128<float> a) => Vector128.Floor(a);
    [MethodImpl(Inline)] public static Vector128<float> GreaterThan(Vector128<float> a, Vector128<float> b) => Vector128.GreaterThan(a, b);
    [MethodImpl(Inline)] public static Vector128<float> Select(Vector128<float> mask, Vector128<float> whenTrue, Vector128<float> whenFalse) => Vector128.ConditionalSelect(mask, whenTrue, whenFalse);

    [MethodImpl(Inline)] public static Vector128<int> ToInt(Vector128<float> a) => Vector128.ConvertToInt32(a);
    [MethodImpl(Inline)] public static Vector128<float> ToFloat(Vector128<int> a) => Vector128.ConvertToSingle(a);
    [MethodImpl(Inline)] public static Vector128<int> AsInt(Vector128<float> a) => a.AsInt32();
    [MethodImpl(Inline)] public static Vector128<float> AsFloat(Vector128<int> a) => a.AsSingle();
    [MethodImpl(Inline)] public static Vector128<int> IAdd(Vector128<int> a, Vector128<int> b) => a + b;
    [MethodImpl(Inline)] public static Vector128<int> ISub(Vector128<int> a, Vector128<int> b) => a - b;
    [MethodImpl(Inline)] public static Vector128<int> IMul(Vector128<int> a, Vector128<int> b) => a * b;
    [MethodImpl(Inline)] public static Vector128<int> IAnd(Vector128<int> a, Vector128<int> b) => a & b;
    [MethodImpl(Inline)] public static Vector128<int> IOr(Vector128<int> a, Vector128<int> b) => a | b;
    [MethodImpl(Inline)] public static Vector128<int> ShiftLeft(Vector128<int> a, int count) => Vector128.ShiftLeft(a, count);
    [MethodImpl(Inline)] public static Vector128<int> ShiftRightArithmetic(Vector128<int> a, int count) => Vector128.ShiftRightArithmetic(a, count);
    [MethodImpl(Inline)] public static Vector128<int> ISelect(Vector128<int> mask, Vector128<int> whenTrue, Vector128<int> whenFalse) => Vector128.ConditionalSelect(mask, whenTrue, whenFalse);
    [MethodImpl(Inline)] public static Vector128<float> Equal(Vector128<int> a, Vector128<int> b) => Vector128.Equals(a, b).AsSingle();
    [MethodImpl(Inline)] public static Vector128<int> LessOrEqual(Vector128<int> a, Vector128<int> b) => Vector128.LessThanOrEqual(a, b);

    [MethodImpl(Inline)]
    public static void StoreInterleaved(Vector128<float> a, Vector128<float> b, ref float destination, nuint index)
    {
        if (Sse.IsSupported)
        {
            Sse.UnpackLow(a, b).StoreUnsafe(ref destination, index);
            Sse.UnpackHigh(a, b).StoreUnsafe(ref destination, index + 4);
            return;
        }
        if (AdvSimd.Arm64.IsSupported)
        {
            AdvSimd.Arm64.ZipLow(a, b).StoreUnsafe(ref destination, index);
            AdvSimd.Arm64.ZipHigh(a, b).StoreUnsafe(ref destination, index + 4);
            return;
        }
        for (int k = 0; k < 4; k++)
        {
            Unsafe.Add(ref destination, (nint)index + 2 * k) = a.GetElement(k);
            Unsafe.Add(ref destination, (nint)index + 2 * k + 1) = b.GetElement(k);
        }
    }
}
