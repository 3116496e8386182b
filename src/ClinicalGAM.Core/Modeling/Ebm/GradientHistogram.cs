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
/// The caller guarantees every cell code is below the cell count (checked once when a term's cells are counted), so
/// the loop runs without bounds checks.
/// </summary>
internal sealed class GradientHistogram
{
    private const int Copies = 4;
    /// <summary>Rows per cell below which one copy is used: clearing and merging four copies would cost more than it saves.</summary>
    private const int RowsPerCellForCopies = 16;
    /// <summary>Chance that two rows fall in the same cell above which the copies pay for themselves.</summary>
    private const double CollisionShareForCopies = 0.02;

    // [copy][cell][g, h], each copy 2 * _cells doubles.
    private readonly double[] _sums;
    private readonly int _maxCells;
    private int _cells, _copies = 1;

    public GradientHistogram(int maxCells)
    {
        _maxCells = maxCells;
        _sums = new double[Copies * 2 * maxCells];
    }

    /// <summary>
    /// Whether a term's passes should use the four copies, from its rows per cell (cell code -> rows): the chance that
    /// two rows share a cell is the sum of squared cell shares.
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

    /// <summary>Starts a histogram of the given number of cells, spread over four copies or not (see <see cref="UsesCopies"/>).</summary>
    public void Clear(int cells, bool copies)
    {
        if ((uint)cells > (uint)_maxCells) throw new ArgumentOutOfRangeException(nameof(cells));
        _cells = cells;
        _copies = copies ? Copies : 1;
        _sums.AsSpan(0, _copies * 2 * cells).Clear();
    }

    /// <summary>Adds rows: cell[i] receives gradientHessian[2i] and gradientHessian[2i + 1].</summary>
    public void Add(ReadOnlySpan<ushort> cells, ReadOnlySpan<float> gradientHessian)
    {
        int n = cells.Length;
        if (gradientHessian.Length < 2 * n) throw new ArgumentException("Gradient and hessian must cover every row.");
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
