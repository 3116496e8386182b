using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// Sums of gradient and hessian per cell of a term, the inner loop of every boosting step. Rows arrive as interleaved
/// single-precision (gradient, hessian) pairs and are summed in double, one 128-bit add per row. Where consecutive rows
/// often fall in the same cell (few cells, or one cell holding many rows), rows are spread over four copies of the
/// histogram (row i to copy i mod 4) that are added together at the end: such a cell would otherwise wait for its
/// previous store (on a six-cell term the scatter took 2.2 ns per row with one copy and 0.7 ns with four). Where
/// collisions are rare (1,024 quantile bins, 65 x 65 pair cells) one copy is faster: it is a quarter of the memory to
/// clear, merge and keep in cache (a 1,025-cell copy fits the L1 cache, four do not).
/// Terms of at most four cells (a yes/no flag and its missing bin, the commonest clinical feature) are summed without
/// a scatter: every vector of rows is compared with each cell code and added to that cell's vector of float partial
/// sums, which go to the double sums every 256 rows (`kernel-parts`: 0.73 -> 0.48 ns per row for three cells, AVX2;
/// beyond four cells the compares cost more than the scatter). The partial sums hold at most 128 rows per lane, so
/// they add about 1e-7 relative error to the float gradients' own.
/// The caller guarantees every cell code is below the cell count (checked once when a term's cells are counted), so
/// the loops run without bounds checks.
/// </summary>
internal sealed class GradientHistogram
{
    private const int Copies = 4;
    /// <summary>Rows per cell below which one copy is used: clearing and merging four copies would cost more than it saves.</summary>
    private const int RowsPerCellForCopies = 16;
    /// <summary>Chance that two rows fall in the same cell above which the copies pay for themselves.</summary>
    private const double CollisionShareForCopies = 0.02;
    /// <summary>Most cells summed by comparing codes (see the class summary).</summary>
    internal const int MaxComparedCells = 4;
    /// <summary>Rows per float partial sum of the compared layout.</summary>
    private const int CompareBlock = 256;

    // [copy][cell][g, h], each copy 2 * _cells doubles.
    private readonly double[] _sums;
    private readonly int _maxCells;
    private int _cells, _copies = 1;
    private bool _compares;

    public GradientHistogram(int maxCells)
    {
        _maxCells = maxCells;
        _sums = new double[Copies * 2 * maxCells];
    }

    /// <summary>
    /// How a term's passes should sum, from its rows per cell (cell code -> rows): by comparing codes when it has at
    /// most four cells and the CPU has vectors, else in four copies where consecutive rows often share a cell.
    /// </summary>
    public static HistogramLayout LayoutFor(ReadOnlySpan<int> cellCounts) =>
        cellCounts.Length <= MaxComparedCells && VectorMath.IsSupported ? HistogramLayout.CompareCells
        : UsesCopies(cellCounts) ? HistogramLayout.FourCopies
        : HistogramLayout.OneCopy;

    /// <summary>
    /// Whether a scatter should use the four copies: the chance that two rows share a cell is the sum of squared cell
    /// shares.
    /// </summary>
    public static bool UsesCopies(ReadOnlySpan<int> cellCounts)
    {
        long rows = 0;
        foreach (int n in cellCounts) rows += n;
        if (rows < (long)RowsPerCellForCopies * cellCounts.Length) return false;
        double collision = 0;
        foreach (int n in cellCounts) collision += (double)n / rows * ((double)n / rows);
        return collision > CollisionShareForCopies;
    }

    /// <summary>Starts a histogram of the given number of cells in the given layout (see <see cref="LayoutFor"/>).</summary>
    public void Clear(int cells, HistogramLayout layout)
    {
        if ((uint)cells > (uint)_maxCells) throw new ArgumentOutOfRangeException(nameof(cells));
        if (layout == HistogramLayout.CompareCells && cells > MaxComparedCells) throw new ArgumentOutOfRangeException(nameof(cells));
        _cells = cells;
        _copies = layout == HistogramLayout.FourCopies ? Copies : 1;
        _compares = layout == HistogramLayout.CompareCells;
        _sums.AsSpan(0, _copies * 2 * cells).Clear();
    }

    /// <summary>Adds rows: cell[i] receives gradientHessian[2i] and gradientHessian[2i + 1].</summary>
    public void Add(ReadOnlySpan<ushort> cells, ReadOnlySpan<float> gradientHessian) => Add(cells, gradientHessian, VectorMath.Width);

    /// <summary>The same at a given vector width for the compared layout (0 = scatter), so that tests reach every width.</summary>
    internal void Add(ReadOnlySpan<ushort> cells, ReadOnlySpan<float> gradientHessian, int width)
    {
        int n = cells.Length;
        if (gradientHessian.Length < 2 * n) throw new ArgumentException("Gradient and hessian must cover every row.");
        if (_compares)
        {
            int done = width switch
            {
                512 => AddByComparing<Width512, Vector512<float>>(cells, gradientHessian),
                256 => AddByComparing<Width256, Vector256<float>>(cells, gradientHessian),
                128 => AddByComparing<Width128, Vector128<float>>(cells, gradientHessian),
                _ => 0,
            };
            cells = cells[done..];
            gradientHessian = gradientHessian[(2 * done)..];
            n = cells.Length;
        }
        ref double s0 = ref MemoryMarshal.GetArrayDataReference(_sums);
        ref ushort c = ref MemoryMarshal.GetReference(cells);
        ref float gh = ref MemoryMarshal.GetReference(gradientHessian);
        // Native-width indices: with int indices the JIT sign-extends every row's offsets, about twice the
        // instructions of the load-convert-add-store that is the work (11 against 6 per row on x64).
        nuint i = 0, whole = (nuint)n & ~(nuint)3;
        if (_copies == Copies)
        {
            nuint stride = (nuint)(2 * _cells);
            ref double s1 = ref Unsafe.Add(ref s0, stride);
            ref double s2 = ref Unsafe.Add(ref s0, 2 * stride);
            ref double s3 = ref Unsafe.Add(ref s0, 3 * stride);
            for (; i < whole; i += 4)
            {
                // Four independent read-add-write chains in flight.
                AddRow(ref s0, Unsafe.Add(ref c, i), Pair(ref gh, i));
                AddRow(ref s1, Unsafe.Add(ref c, i + 1), Pair(ref gh, i + 1));
                AddRow(ref s2, Unsafe.Add(ref c, i + 2), Pair(ref gh, i + 2));
                AddRow(ref s3, Unsafe.Add(ref c, i + 3), Pair(ref gh, i + 3));
            }
        }
        else
        {
            // One copy, four rows per iteration all the same: fewer loop branches; the chains only meet on a shared cell.
            for (; i < whole; i += 4)
            {
                AddRow(ref s0, Unsafe.Add(ref c, i), Pair(ref gh, i));
                AddRow(ref s0, Unsafe.Add(ref c, i + 1), Pair(ref gh, i + 1));
                AddRow(ref s0, Unsafe.Add(ref c, i + 2), Pair(ref gh, i + 2));
                AddRow(ref s0, Unsafe.Add(ref c, i + 3), Pair(ref gh, i + 3));
            }
        }
        for (; i < (nuint)n; i++) AddRow(ref s0, Unsafe.Add(ref c, i), Pair(ref gh, i));
    }

    /// <summary>
    /// Whole vectors of rows (Lanes / 2 rows each, their (g, h) pairs as loaded) compared with cell codes 0-3, in blocks
    /// of <see cref="CompareBlock"/> rows whose float partial sums are added to the double sums lane by lane in a fixed
    /// order; returns the rows done.
    /// </summary>
    private int AddByComparing<TW, TV>(ReadOnlySpan<ushort> cells, ReadOnlySpan<float> gradientHessian)
        where TW : IVectorWidth<TV> where TV : struct
    {
        ref ushort c = ref MemoryMarshal.GetReference(cells);
        ref float gh = ref MemoryMarshal.GetReference(gradientHessian);
        int rowsPerVector = TW.Lanes / 2;
        int whole = cells.Length - cells.Length % rowsPerVector;
        Span<float> lanes = stackalloc float[TW.Lanes];
        for (int start = 0; start < whole; start += CompareBlock)
        {
            int end = Math.Min(whole, start + CompareBlock);
            SumBlock<TW, TV>(ref c, ref gh, (nuint)start, (nuint)end, out var s0, out var s1, out var s2, out var s3);
            Flush<TW, TV>(s0, 0, lanes);
            if (_cells > 1) Flush<TW, TV>(s1, 1, lanes);
            if (_cells > 2) Flush<TW, TV>(s2, 2, lanes);
            if (_cells > 3) Flush<TW, TV>(s3, 3, lanes);
        }
        return whole;
    }

    /// <summary>
    /// The float partial sums of rows start..end per cell code 0-3. Kept apart from the flushing so that no call
    /// sits in its loop: with one there the JIT spilled the accumulators and reloaded every constant each iteration.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SumBlock<TW, TV>(ref ushort c, ref float gh, nuint start, nuint end,
        out TV sum0, out TV sum1, out TV sum2, out TV sum3)
        where TW : IVectorWidth<TV> where TV : struct
    {
        var zero = TW.Create(0f);
        var one = TW.Create(1f);
        var two = TW.Create(2f);
        var three = TW.Create(3f);
        TV s0 = zero, s1 = zero, s2 = zero, s3 = zero;
        nuint rowsPerVector = (nuint)(TW.Lanes / 2);
        for (nuint i = start; i < end; i += rowsPerVector)
        {
            var code = TW.LoadCellsTwice(ref c, i);
            var pair = TW.Load(ref gh, 2 * i);
            s0 = TW.Add(s0, TW.KeepWhere(TW.Equal(code, zero), pair));
            s1 = TW.Add(s1, TW.KeepWhere(TW.Equal(code, one), pair));
            s2 = TW.Add(s2, TW.KeepWhere(TW.Equal(code, two), pair));
            s3 = TW.Add(s3, TW.KeepWhere(TW.Equal(code, three), pair));
        }
        sum0 = s0;
        sum1 = s1;
        sum2 = s2;
        sum3 = s3;
    }

    /// <summary>Adds a cell's partial sums (gradients in even lanes, hessians in odd) to its double sums.</summary>
    private void Flush<TW, TV>(TV partial, int cell, Span<float> lanes) where TW : IVectorWidth<TV> where TV : struct
    {
        TW.Store(partial, ref MemoryMarshal.GetReference(lanes), 0);
        double g = 0, h = 0;
        for (int k = 0; k < lanes.Length; k += 2) { g += lanes[k]; h += lanes[k + 1]; }
        _sums[2 * cell] += g;
        _sums[2 * cell + 1] += h;
    }

    /// <summary>Row i's (gradient, hessian) widened to double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> Pair(ref float gh, nuint i) =>
        Vector128.WidenLower(Vector128.CreateScalarUnsafe(
            Unsafe.ReadUnaligned<double>(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref gh, 2 * i)))).AsSingle());

    /// <summary>Adds a row's pair to cell <paramref name="code"/> of the copy starting at <paramref name="copy"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow(ref double copy, ushort code, Vector128<double> value)
    {
        ref double cell = ref Unsafe.Add(ref copy, 2 * (nuint)code);
        (Vector128.LoadUnsafe(ref cell) + value).StoreUnsafe(ref cell);
    }

    /// <summary>Copies the sums into g and h (length = cells), adding the copies in a fixed order.</summary>
    public void CopyTo(Span<double> g, Span<double> h)
    {
        int stride = 2 * _cells;
        var sums = _sums.AsSpan(0, _copies * stride);
        for (int k = 0; k < _cells; k++)
        {
            double sg = sums[2 * k], sh = sums[2 * k + 1];
            for (int copy = 1; copy < _copies; copy++)
            {
                sg += sums[copy * stride + 2 * k];
                sh += sums[copy * stride + 2 * k + 1];
            }
            g[k] = sg;
            h[k] = sh;
        }
    }
}

/// <summary>How a histogram sums its rows (chosen per term by <see cref="GradientHistogram.LayoutFor"/>).</summary>
internal enum HistogramLayout
{
    /// <summary>A scatter into one table: collisions between consecutive rows are rare.</summary>
    OneCopy,
    /// <summary>A scatter into four tables, row i to table i mod 4: consecutive rows often share a cell.</summary>
    FourCopies,
    /// <summary>No scatter: at most four cells, each row compared with every code a vector at a time.</summary>
    CompareCells,
}
