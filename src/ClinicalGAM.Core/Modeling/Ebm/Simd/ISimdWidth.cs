namespace ClinicalGAM.Core.Modeling.Ebm.Simd;

/// <summary>
/// One vector width as the boosting kernels see it: float lanes <typeparamref name="TF"/> and int lanes
/// <typeparamref name="TI"/> of the same count. The kernels are written once against this interface and the JIT
/// specialises them for each width (structs as type arguments), so AVX-512, AVX2, SSE/NEON share one source, as
/// InterpretML's libebm compiles one kernel source per instruction set.
/// </summary>
internal interface ISimdWidth<TF, TI> where TF : struct where TI : struct
{
    static abstract int Lanes { get; }
    static abstract TF F(float value);
    static abstract TI I(int value);
    /// <summary>1, 2, 4, ... 2^(Lanes - 1): lane k's bit in a packed label word.</summary>
    static abstract TI LaneBits { get; }

    static abstract TF Load(ref float source, nuint index);
    static abstract void Store(TF value, ref float destination, nuint index);
    /// <summary>Stores a0 b0 a1 b1 ... (2 Lanes floats): the (gradient, hessian) pairs the histogram reads.</summary>
    static abstract void StoreInterleaved(TF a, TF b, ref float destination, nuint index);
    /// <summary>2 Lanes cell codes from <paramref name="index"/>, widened to int: the first Lanes, then the next.</summary>
    static abstract void LoadCodes(ref ushort source, nuint index, out TI first, out TI second);

    static abstract TF Add(TF a, TF b);
    static abstract TF Sub(TF a, TF b);
    static abstract TF Mul(TF a, TF b);
    static abstract TF Div(TF a, TF b);
    /// <summary>a b + c, fused where the CPU has FMA (every AVX2 and AVX-512 CPU, ARM64).</summary>
    static abstract TF MulAdd(TF a, TF b, TF c);
    static abstract TF Min(TF a, TF b);
    static abstract TF Max(TF a, TF b);
    static abstract TF Abs(TF a);
    static abstract TF Neg(TF a);
    static abstract TF Floor(TF a);
    static abstract TF GreaterThan(TF a, TF b);
    static abstract TF Select(TF mask, TF whenTrue, TF whenFalse);

    static abstract TI ToInt(TF a);
    static abstract TF ToFloat(TI a);
    static abstract TI AsInt(TF a);
    static abstract TF AsFloat(TI a);
    static abstract TI IAdd(TI a, TI b);
    static abstract TI ISub(TI a, TI b);
    static abstract TI IMul(TI a, TI b);
    static abstract TI IAnd(TI a, TI b);
    static abstract TI IOr(TI a, TI b);
    static abstract TI ShiftLeft(TI a, int count);
    static abstract TI ShiftRightArithmetic(TI a, int count);
    static abstract TI ISelect(TI mask, TI whenTrue, TI whenFalse);
    /// <summary>Lane masks as float masks (all bits set where true), for <see cref="Select"/>.</summary>
    static abstract TF Equal(TI a, TI b);
    static abstract TI LessOrEqual(TI a, TI b);
}
