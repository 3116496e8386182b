#:property PublishAot=false
// Kernel variants tried for issue 11 and not adopted: each timed beside the kernel it would replace, on synthetic
// arrays (850,000 rows, one thread), so that the finding can be re-checked on another CPU. Printed only.
//   DOTNET_EnableAVX512=0 dotnet run -c Release bench/experiments/kernel-variants.cs     (the AVX2 path; needs AVX2)
// 1. Histogram sums in single precision, flushed to the double sums every 65,536 rows (half the table's bytes).
// 2. The pass as one loop per 8 rows (step, gradients, scatter) instead of three loops per 2,048-row chunk.
// 3. 1 / (1 + e) from a reciprocal estimate and one Newton step instead of a division.
// Simplified copies of the engine's loops (cut step on e^-score, log-loss gradients from e^-score, one-copy scatter).
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

if (!Avx2.IsSupported) { Console.WriteLine("This comparison needs AVX2."); return; }
const int Rows = 850_000, Chunk = 2048, Flush = 65_536;
var rng = new Random(1);
var gh = new float[2 * Rows];
for (int i = 0; i < gh.Length; i++) gh[i] = (float)(rng.NextDouble() - 0.3);
var mainCells = Enumerable.Range(0, Rows).Select(_ => (ushort)rng.Next(1025)).ToArray();
var pairCells = Enumerable.Range(0, Rows).Select(_ => (ushort)(rng.Next(65) * 65 + rng.Next(65))).ToArray();
Console.WriteLine($"{Rows:N0} rows, one thread, ns per row (three timings each)");

foreach (var (name, cells, n) in new[] { ("1,025 main cells", mainCells, 1025), ("65 x 65 pair cells", pairCells, 65 * 65) })
{
    var sums = new double[2 * n];
    var floats = new float[2 * n];
    Time($"histogram {name}, double (engine)", () => { Array.Clear(sums); ScatterDouble(cells, gh, sums); });
    Time($"histogram {name}, float + flush", () => { Array.Clear(sums); ScatterFloat(cells, gh, floats, sums); });
}

var state = new float[Rows];
for (int i = 0; i < Rows; i++) state[i] = MathF.Exp(-(float)(rng.NextDouble() * 4 - 4));
var pending = Enumerable.Range(0, Rows).Select(_ => (ushort)rng.Next(1025)).ToArray();
var labelBits = new ushort[Rows / 16 + 1];
for (int i = 0; i < labelBits.Length; i++) labelBits[i] = (ushort)(rng.Next(65536) & rng.Next(65536) & rng.Next(65536));
var hist = new double[2 * 1025];
var chunkPairs = new float[2 * Chunk];
// Factors near 1 keep e^-score in range over the thousands of repeated passes.
var step = (Missing: 1.0001f, Low: 0.9999f, High: 1.00005f, Cut: 400);
Time("pass in three loops per chunk (engine)", () => { Array.Clear(hist); PassInChunks(state, pending, mainCells, labelBits, hist, chunkPairs, step); });
Time("pass in one loop per 8 rows", () => { Array.Clear(hist); PassMerged(state, pending, mainCells, labelBits, hist, step); });
var output = new float[2 * Rows];
Time("gradients, division (engine)", () => Gradients(state, labelBits, 0, output, reciprocal: false));
Time("gradients, reciprocal + Newton", () => Gradients(state, labelBits, 0, output, reciprocal: true));

static void ScatterDouble(ReadOnlySpan<ushort> cells, ReadOnlySpan<float> gh, double[] sums)
{
    ref double s = ref MemoryMarshal.GetArrayDataReference(sums);
    ref ushort c = ref MemoryMarshal.GetReference(cells);
    ref float g = ref MemoryMarshal.GetReference(gh);
    nuint whole = (nuint)cells.Length & ~(nuint)3;
    for (nuint i = 0; i < whole; i += 4)
    {
        AddDouble(ref s, Unsafe.Add(ref c, i), PairOf(ref g, i));
        AddDouble(ref s, Unsafe.Add(ref c, i + 1), PairOf(ref g, i + 1));
        AddDouble(ref s, Unsafe.Add(ref c, i + 2), PairOf(ref g, i + 2));
        AddDouble(ref s, Unsafe.Add(ref c, i + 3), PairOf(ref g, i + 3));
    }
}

static void ScatterFloat(ushort[] cells, float[] gh, float[] floats, double[] sums)
{
    ref float f = ref MemoryMarshal.GetArrayDataReference(floats);
    ref ushort c = ref MemoryMarshal.GetArrayDataReference(cells);
    ref float g = ref MemoryMarshal.GetArrayDataReference(gh);
    nuint whole = (nuint)cells.Length & ~(nuint)3;
    for (nuint start = 0; start < whole; start += Flush)
    {
        nuint end = Math.Min(whole, start + Flush);
        for (nuint i = start; i < end; i += 4)
        {
            AddFloat(ref f, Unsafe.Add(ref c, i), ref g, i);
            AddFloat(ref f, Unsafe.Add(ref c, i + 1), ref g, i + 1);
            AddFloat(ref f, Unsafe.Add(ref c, i + 2), ref g, i + 2);
            AddFloat(ref f, Unsafe.Add(ref c, i + 3), ref g, i + 3);
        }
        for (int k = 0; k < sums.Length; k++) sums[k] += floats[k];
        Array.Clear(floats);
    }
}

static void PassInChunks(float[] state, ushort[] pending, ushort[] cells, ushort[] labelBits, double[] hist, float[] pairs,
    (float Missing, float Low, float High, int Cut) step)
{
    for (int start = 0; start + Chunk <= state.Length; start += Chunk)
    {
        ApplyStep(state.AsSpan(start, Chunk), pending.AsSpan(start, Chunk), step);
        Gradients(state.AsSpan(start, Chunk), labelBits, start, pairs, reciprocal: false);
        ScatterDouble(cells.AsSpan(start, Chunk), pairs, hist);
    }
}

static void ApplyStep(Span<float> state, ReadOnlySpan<ushort> cells, (float Missing, float Low, float High, int Cut) step)
{
    ref float s = ref MemoryMarshal.GetReference(state);
    ref ushort c = ref MemoryMarshal.GetReference(cells);
    for (nuint i = 0; i + 8 <= (nuint)state.Length; i += 8)
        Vector256.StoreUnsafe(Stepped(Vector256.LoadUnsafe(ref s, i), ref c, i, step), ref s, i);
}

[MethodImpl(MethodImplOptions.AggressiveInlining)]
static Vector256<float> Stepped(Vector256<float> e, ref ushort cells, nuint i, (float Missing, float Low, float High, int Cut) step)
{
    var code = Vector256.ConvertToSingle(Vector256.WidenLower(Vector128.LoadUnsafe(ref cells, i).ToVector256Unsafe()).AsInt32());
    var factor = Vector256.ConditionalSelect(Vector256.LessThanOrEqual(code, Vector256.Create((float)step.Cut)),
        Vector256.Create(step.Low), Vector256.Create(step.High));
    factor = Vector256.ConditionalSelect(Vector256.Equals(code, Vector256<float>.Zero), Vector256.Create(step.Missing), factor);
    return Vector256.Min(Vector256.Max(e * factor, Vector256.Create(1.2e-38f)), Vector256.Create(2.2e38f));
}

static void Gradients(ReadOnlySpan<float> state, ushort[] labelBits, int firstRow, Span<float> output, bool reciprocal)
{
    ref float s = ref MemoryMarshal.GetReference(state);
    ref float o = ref MemoryMarshal.GetReference(output);
    for (nuint i = 0; i + 8 <= (nuint)state.Length; i += 8)
    {
        var (low, high) = GradientPairs(Vector256.LoadUnsafe(ref s, i), labelBits, (uint)firstRow + (uint)i, reciprocal);
        Vector256.StoreUnsafe(low, ref o, 2 * i);
        Vector256.StoreUnsafe(high, ref o, 2 * i + 8);
    }
}

[MethodImpl(MethodImplOptions.AggressiveInlining)]
static (Vector256<float> Low, Vector256<float> High) GradientPairs(Vector256<float> e, ushort[] labelBits, uint row, bool reciprocal)
{
    var one = Vector256.Create(1f);
    var d = one + e;
    Vector256<float> p;
    if (reciprocal) { var x = Avx.Reciprocal(d); p = x * (Vector256.Create(2f) - d * x); }
    else p = one / d;
    var q = e * p;
    int word = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(labelBits), row / 16) >> (int)(row % 16);
    var bits = Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128);
    var positive = Vector256.Equals(Vector256.Create(word) & bits, bits).AsSingle();
    var g = Vector256.ConditionalSelect(positive, -q, p);
    var h = p * q;
    var u = Avx.UnpackLow(g, h);
    var v = Avx.UnpackHigh(g, h);
    return (Avx.Permute2x128(u, v, 0x20), Avx.Permute2x128(u, v, 0x31));
}

static void PassMerged(float[] state, ushort[] pending, ushort[] cells, ushort[] labelBits, double[] hist,
    (float Missing, float Low, float High, int Cut) step)
{
    ref float s = ref MemoryMarshal.GetArrayDataReference(state);
    ref ushort p = ref MemoryMarshal.GetArrayDataReference(pending);
    ref ushort c = ref MemoryMarshal.GetArrayDataReference(cells);
    ref double sums = ref MemoryMarshal.GetArrayDataReference(hist);
    Span<float> eight = stackalloc float[16];
    ref float b = ref MemoryMarshal.GetReference(eight);
    for (nuint i = 0; i + 8 <= (nuint)state.Length; i += 8)
    {
        var e = Stepped(Vector256.LoadUnsafe(ref s, i), ref p, i, step);
        Vector256.StoreUnsafe(e, ref s, i);
        var (low, high) = GradientPairs(e, labelBits, (uint)i, reciprocal: false);
        Vector256.StoreUnsafe(low, ref b, 0);
        Vector256.StoreUnsafe(high, ref b, 8);
        for (nuint k = 0; k < 8; k++) AddDouble(ref sums, Unsafe.Add(ref c, i + k), PairOf(ref b, k));
    }
}

[MethodImpl(MethodImplOptions.AggressiveInlining)]
static Vector128<double> PairOf(ref float gh, nuint i) => Vector128.WidenLower(Vector128.CreateScalarUnsafe(
    Unsafe.ReadUnaligned<double>(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref gh, 2 * i)))).AsSingle());

[MethodImpl(MethodImplOptions.AggressiveInlining)]
static void AddDouble(ref double sums, ushort code, Vector128<double> value)
{
    ref double cell = ref Unsafe.Add(ref sums, 2 * (nuint)code);
    (Vector128.LoadUnsafe(ref cell) + value).StoreUnsafe(ref cell);
}

[MethodImpl(MethodImplOptions.AggressiveInlining)]
static void AddFloat(ref float sums, ushort code, ref float gh, nuint i)
{
    ref byte cell = ref Unsafe.As<float, byte>(ref Unsafe.Add(ref sums, 2 * (nuint)code));
    var sum = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<double>(ref cell)).AsSingle()
              + Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<double>(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref gh, 2 * i)))).AsSingle();
    Unsafe.WriteUnaligned(ref cell, sum.AsDouble().ToScalar());
}

static void Time(string what, Action action)
{
    // Two warm-up rounds with a pause between, so that the timed calls run the final (tier-1) code.
    for (int i = 0; i < 50; i++) action();
    Thread.Sleep(300);
    for (int i = 0; i < 50; i++) action();
    Thread.Sleep(300);
    var figures = new List<string>();
    for (int trial = 0; trial < 3; trial++)
    {
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < 200; i++) action();
        figures.Add((clock.Elapsed.TotalMilliseconds * 1e6 / 200 / Rows).ToString("F3"));
    }
    Console.WriteLine($"  {what,-44} {string.Join(" / ", figures)}");
}
