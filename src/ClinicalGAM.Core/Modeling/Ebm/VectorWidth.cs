using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// The few operations the boosting kernels need on a vector of floats, written once per width (128, 256 and 512
/// bits) so that every kernel is one generic method over <typeparamref name="TV"/>: the JIT specialises it per width
/// (struct type arguments), as InterpretML compiles one kernel source per instruction set. Multiply-adds are fused
/// where the CPU has FMA and plain elsewhere (<c>MultiplyAddEstimate</c>): software-emulated fusion would cost more
/// than the kernel.
/// </summary>
internal interface IVectorWidth<TV> where TV : struct
{
    static abstract int Lanes { get; }
    static abstract TV Create(float x);
    static abstract TV Load(ref float source, nuint index);
    static abstract void Store(TV value, ref float destination, nuint index);
    static abstract TV Add(TV a, TV b);
    static abstract TV Subtract(TV a, TV b);
    static abstract TV Multiply(TV a, TV b);
    static abstract TV Divide(TV a, TV b);
    /// <summary>a b + c.</summary>
    static abstract TV MultiplyAdd(TV a, TV b, TV c);
    /// <summary>The CPU's own min and max (no NaN or signed-zero fix-ups: the kernels clamp finite scores).</summary>
    static abstract TV Min(TV a, TV b);
    static abstract TV Max(TV a, TV b);
    static abstract TV Abs(TV a);
    static abstract TV Floor(TV a);
    /// <summary>All bits set where a &gt; b, as floats, for <see cref="Select"/>.</summary>
    static abstract TV GreaterThan(TV a, TV b);
    static abstract TV LessThanOrEqual(TV a, TV b);
    static abstract TV Equal(TV a, TV b);
    /// <summary>mask ? a : b, lane by lane; masks are all ones or all zeros per lane (from a comparison).</summary>
    static abstract TV Select(TV mask, TV a, TV b);
    /// <summary>a where the mask is set, zero elsewhere (one AND: cheaper than a select with zero).</summary>
    static abstract TV KeepWhere(TV mask, TV a);
    /// <summary>p 2^k for integral k that keeps the result a normal float (k added to the exponent bits; the CPU's own
    /// float-to-int conversion, k being in range).</summary>
    static abstract TV ScaleByPowerOfTwo(TV p, TV k);
    /// <summary>Unbiased exponent k and mantissa m in [1, 2) of positive normal x = m 2^k.</summary>
    static abstract TV Mantissa(TV x, out TV exponent);
    /// <summary>Mask of the lanes whose bit (shift + lane) of <paramref name="bits"/> is clear (negative labels).</summary>
    static abstract TV ClearBits(int bits, int shift);
    /// <summary>Cell codes of Lanes rows as floats (exact: codes are below 2^16).</summary>
    static abstract TV LoadCells(ref ushort source, nuint index);
    /// <summary>Writes (a0, b0, a1, b1, ...) to 2 Lanes floats at destination + 2 index.</summary>
    static abstract void StoreInterleaved(TV a, TV b, ref float destination, nuint index);
    /// <summary>
    /// Entry code[r] of an eight-entry table for each row r of the vector (codes below 8): one permute per vector
    /// (two and a select at 128 bits). The table is eight floats loaded as <c>low = Load(table, 0)</c> and
    /// <c>high = Load(table, Lanes)</c> from a buffer of at least 16.
    /// </summary>
    static abstract TV PickFromEight(TV low, TV high, ref ushort cells, nuint index);
    /// <summary>Cell codes of Lanes / 2 rows, each twice (c0, c0, c1, c1, ...), as floats: the layout of their (g, h) pairs.</summary>
    static abstract TV LoadCellsTwice(ref ushort source, nuint index);
}

internal readonly struct Width128 : IVectorWidth<Vector128<float>>
{
    private static readonly Vector128<int> LaneBit = Vector128.Create(1, 2, 4, 8);

    public static int Lanes => Vector128<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Create(float x) => Vector128.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Load(ref float s, nuint i) => Vector128.LoadUnsafe(ref s, i);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector128<float> v, ref float d, nuint i) => v.StoreUnsafe(ref d, i);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Subtract(Vector128<float> a, Vector128<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Divide(Vector128<float> a, Vector128<float> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.MultiplyAddEstimate(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Min(Vector128<float> a, Vector128<float> b) => Vector128.MinNative(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Max(Vector128<float> a, Vector128<float> b) => Vector128.MaxNative(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Abs(Vector128<float> a) => Vector128.Abs(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Floor(Vector128<float> a) => Vector128.Floor(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> GreaterThan(Vector128<float> a, Vector128<float> b) => Vector128.GreaterThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> LessThanOrEqual(Vector128<float> a, Vector128<float> b) => Vector128.LessThanOrEqual(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Equal(Vector128<float> a, Vector128<float> b) => Vector128.Equals(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> KeepWhere(Vector128<float> m, Vector128<float> a) => m & a;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Select(Vector128<float> m, Vector128<float> a, Vector128<float> b) => Sse41.IsSupported ? Sse41.BlendVariable(b, a, m) : Vector128.ConditionalSelect(m, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ScaleByPowerOfTwo(Vector128<float> p, Vector128<float> k) =>
        (p.AsInt32() + Vector128.ShiftLeft(Vector128.ConvertToInt32Native(k), 23)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Mantissa(Vector128<float> x, out Vector128<float> exponent)
    {
        var bits = x.AsInt32();
        exponent = Vector128.ConvertToSingle(Vector128.ShiftRightArithmetic(bits, 23) - Vector128.Create(127));
        return ((bits & Vector128.Create(0x007FFFFF)) | Vector128.Create(0x3F800000)).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ClearBits(int bits, int shift) =>
        Vector128.Equals(Vector128.Create(bits >> shift) & LaneBit, Vector128<int>.Zero).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LoadCells(ref ushort s, nuint i)
    {
        var four = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref s, i)))).AsUInt16();
        return Vector128.ConvertToSingle(Vector128.WidenLower(four).AsInt32());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> PickFromEight(Vector128<float> low, Vector128<float> high, ref ushort s, nuint i)
    {
        var four = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref s, i)))).AsUInt16();
        var code = Vector128.WidenLower(four).AsInt32();
        var within = code & Vector128.Create(3);
        return Vector128.ConditionalSelect(Vector128.GreaterThan(code, Vector128.Create(3)).AsSingle(),
            Vector128.ShuffleNative(high, within), Vector128.ShuffleNative(low, within));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LoadCellsTwice(ref ushort s, nuint i)
    {
        var two = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<uint>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref s, i)))).AsUInt16();
        var codes = Vector128.WidenLower(two).AsInt32();
        return Vector128.ConvertToSingle(Vector128.ShuffleNative(codes, Vector128.Create(0, 0, 1, 1)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(Vector128<float> a, Vector128<float> b, ref float d, nuint i)
    {
        Vector128<float> low, high;
        if (Sse.IsSupported) { low = Sse.UnpackLow(a, b); high = Sse.UnpackHigh(a, b); }
        else if (AdvSimd.Arm64.IsSupported) { low = AdvSimd.Arm64.ZipLow(a, b); high = AdvSimd.Arm64.ZipHigh(a, b); }
        else
        {
            // Each 64-bit lane = a's bits low, b's bits high: (a_k, b_k) in memory order on little-endian CPUs.
            low = (Vector128.WidenLower(a.AsUInt32()) | Vector128.ShiftLeft(Vector128.WidenLower(b.AsUInt32()), 32)).AsSingle();
            high = (Vector128.WidenUpper(a.AsUInt32()) | Vector128.ShiftLeft(Vector128.WidenUpper(b.AsUInt32()), 32)).AsSingle();
        }
        low.StoreUnsafe(ref d, 2 * i);
        high.StoreUnsafe(ref d, 2 * i + 4);
    }
}

internal readonly struct Width256 : IVectorWidth<Vector256<float>>
{
    private static readonly Vector256<int> LaneBit = Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128);

    public static int Lanes => Vector256<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Create(float x) => Vector256.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Load(ref float s, nuint i) => Vector256.LoadUnsafe(ref s, i);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector256<float> v, ref float d, nuint i) => v.StoreUnsafe(ref d, i);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Divide(Vector256<float> a, Vector256<float> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.MultiplyAddEstimate(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Min(Vector256<float> a, Vector256<float> b) => Vector256.MinNative(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Max(Vector256<float> a, Vector256<float> b) => Vector256.MaxNative(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Abs(Vector256<float> a) => Vector256.Abs(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Floor(Vector256<float> a) => Vector256.Floor(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> GreaterThan(Vector256<float> a, Vector256<float> b) => Vector256.GreaterThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> LessThanOrEqual(Vector256<float> a, Vector256<float> b) => Vector256.LessThanOrEqual(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Equal(Vector256<float> a, Vector256<float> b) => Vector256.Equals(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> KeepWhere(Vector256<float> m, Vector256<float> a) => m & a;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Select(Vector256<float> m, Vector256<float> a, Vector256<float> b) => Avx.IsSupported ? Avx.BlendVariable(b, a, m) : Vector256.ConditionalSelect(m, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ScaleByPowerOfTwo(Vector256<float> p, Vector256<float> k) =>
        (p.AsInt32() + Vector256.ShiftLeft(Vector256.ConvertToInt32Native(k), 23)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Mantissa(Vector256<float> x, out Vector256<float> exponent)
    {
        var bits = x.AsInt32();
        exponent = Vector256.ConvertToSingle(Vector256.ShiftRightArithmetic(bits, 23) - Vector256.Create(127));
        return ((bits & Vector256.Create(0x007FFFFF)) | Vector256.Create(0x3F800000)).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ClearBits(int bits, int shift) =>
        Vector256.Equals(Vector256.Create(bits >> shift) & LaneBit, Vector256<int>.Zero).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LoadCells(ref ushort s, nuint i) => Vector256.ConvertToSingle(Codes(ref s, i));

    /// <summary>Lanes cell codes widened to ints.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Codes(ref ushort s, nuint i)
    {
        var eight = Vector128.LoadUnsafe(ref s, i);
        return Avx2.IsSupported ? Avx2.ConvertToVector256Int32(eight) : Vector256.Create(Vector128.WidenLower(eight), Vector128.WidenUpper(eight)).AsInt32();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> PickFromEight(Vector256<float> low, Vector256<float> high, ref ushort s, nuint i) =>
        Vector256.ShuffleNative(low, Codes(ref s, i));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LoadCellsTwice(ref ushort s, nuint i)
    {
        var four = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref s, i)))).AsUInt16();
        var codes = Vector256.Create(Vector128.WidenLower(four).AsInt32(), Vector128<int>.Zero);
        return Vector256.ConvertToSingle(Vector256.ShuffleNative(codes, Vector256.Create(0, 0, 1, 1, 2, 2, 3, 3)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(Vector256<float> a, Vector256<float> b, ref float d, nuint i)
    {
        Vector256<float> low, high;
        if (Avx.IsSupported)
        {
            // Unpack works within 128-bit halves: (a0 b0 a1 b1 | a4 b4 a5 b5) and (a2 b2 a3 b3 | a6 b6 a7 b7).
            var u = Avx.UnpackLow(a, b);
            var v = Avx.UnpackHigh(a, b);
            low = Avx.Permute2x128(u, v, 0x20);
            high = Avx.Permute2x128(u, v, 0x31);
        }
        else
        {
            low = (Vector256.WidenLower(a.AsUInt32()) | Vector256.ShiftLeft(Vector256.WidenLower(b.AsUInt32()), 32)).AsSingle();
            high = (Vector256.WidenUpper(a.AsUInt32()) | Vector256.ShiftLeft(Vector256.WidenUpper(b.AsUInt32()), 32)).AsSingle();
        }
        low.StoreUnsafe(ref d, 2 * i);
        high.StoreUnsafe(ref d, 2 * i + 8);
    }
}

internal readonly struct Width512 : IVectorWidth<Vector512<float>>
{
    private static readonly Vector512<int> LaneBit = Vector512.Create(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768);
    private static readonly Vector512<int> LowHalf = Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    private static readonly Vector512<int> HighHalf = Vector512.Create(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);

    public static int Lanes => Vector512<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Create(float x) => Vector512.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Load(ref float s, nuint i) => Vector512.LoadUnsafe(ref s, i);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector512<float> v, ref float d, nuint i) => v.StoreUnsafe(ref d, i);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Divide(Vector512<float> a, Vector512<float> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.MultiplyAddEstimate(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Min(Vector512<float> a, Vector512<float> b) => Vector512.MinNative(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Max(Vector512<float> a, Vector512<float> b) => Vector512.MaxNative(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Abs(Vector512<float> a) => Vector512.Abs(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Floor(Vector512<float> a) => Vector512.Floor(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> GreaterThan(Vector512<float> a, Vector512<float> b) => Vector512.GreaterThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> LessThanOrEqual(Vector512<float> a, Vector512<float> b) => Vector512.LessThanOrEqual(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Equal(Vector512<float> a, Vector512<float> b) => Vector512.Equals(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> KeepWhere(Vector512<float> m, Vector512<float> a) => m & a;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Select(Vector512<float> m, Vector512<float> a, Vector512<float> b) => Vector512.ConditionalSelect(m, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ScaleByPowerOfTwo(Vector512<float> p, Vector512<float> k) =>
        (p.AsInt32() + Vector512.ShiftLeft(Vector512.ConvertToInt32Native(k), 23)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Mantissa(Vector512<float> x, out Vector512<float> exponent)
    {
        var bits = x.AsInt32();
        exponent = Vector512.ConvertToSingle(Vector512.ShiftRightArithmetic(bits, 23) - Vector512.Create(127));
        return ((bits & Vector512.Create(0x007FFFFF)) | Vector512.Create(0x3F800000)).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ClearBits(int bits, int shift) =>
        Vector512.Equals(Vector512.Create(bits >> shift) & LaneBit, Vector512<int>.Zero).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LoadCells(ref ushort s, nuint i) => Vector512.ConvertToSingle(Codes(ref s, i));

    /// <summary>Lanes cell codes widened to ints.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> Codes(ref ushort s, nuint i)
    {
        var sixteen = Vector256.LoadUnsafe(ref s, i);
        return Avx512F.IsSupported ? Avx512F.ConvertToVector512Int32(sixteen) : Vector512.Create(Vector256.WidenLower(sixteen), Vector256.WidenUpper(sixteen)).AsInt32();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> PickFromEight(Vector512<float> low, Vector512<float> high, ref ushort s, nuint i) =>
        Vector512.ShuffleNative(low, Codes(ref s, i));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LoadCellsTwice(ref ushort s, nuint i)
    {
        var eight = Vector128.LoadUnsafe(ref s, i);
        var codes = Vector512.Create(Vector256.Create(Vector128.WidenLower(eight), Vector128.WidenUpper(eight)).AsInt32(), Vector256<int>.Zero);
        return Vector512.ConvertToSingle(Vector512.ShuffleNative(codes, Vector512.Create(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(Vector512<float> a, Vector512<float> b, ref float d, nuint i)
    {
        Vector512<float> low, high;
        if (Avx512F.IsSupported)
        {
            low = Avx512F.PermuteVar16x32x2(a, LowHalf, b);
            high = Avx512F.PermuteVar16x32x2(a, HighHalf, b);
        }
        else
        {
            low = (Vector512.WidenLower(a.AsUInt32()) | Vector512.ShiftLeft(Vector512.WidenLower(b.AsUInt32()), 32)).AsSingle();
            high = (Vector512.WidenUpper(a.AsUInt32()) | Vector512.ShiftLeft(Vector512.WidenUpper(b.AsUInt32()), 32)).AsSingle();
        }
        low.StoreUnsafe(ref d, 2 * i);
        high.StoreUnsafe(ref d, 2 * i + 16);
    }
}
