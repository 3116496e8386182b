using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// Sums of gradient and hessian per cell of a term, the inner loop of every boosting step. Gradient and hessian of a
/// cell sit side by side (one cache line per row's update), rows arrive in single precision and are summed in double.
/// The caller guarantees every cell code is below the cell count (checked once when a term's cells are counted), so
/// the loop runs without bounds checks.
/// </summary>
internal sealed class GradientHistogram
{
    [StructLayout(LayoutKind.Sequential)]
    private struct Sums
    {
        public double G, H;
    }

    private readonly Sums[] _sums;
    private int _cells;

    public GradientHistogram(int maxCells) => _sums = new Sums[maxCells];

    /// <summary>Starts a histogram of the given number of cells.</summary>
    public void Clear(int cells)
    {
        if ((uint)cells > (uint)_sums.Length) throw new ArgumentOutOfRangeException(nameof(cells));
        _cells = cells;
        _sums.AsSpan(0, cells).Clear();
    }

    /// <summary>Adds rows: cell[i] receives gradient[i] and hessian[i].</summary>
    public void Add(ReadOnlySpan<ushort> cells, ReadOnlySpan<float> gradient, ReadOnlySpan<float> hessian)
    {
        int n = cells.Length;
        if (gradient.Length < n || hessian.Length < n) throw new ArgumentException("Gradient and hessian must cover every row.");
        ref Sums sums = ref MemoryMarshal.GetArrayDataReference(_sums);
        ref ushort c = ref MemoryMarshal.GetReference(cells);
        ref float g = ref MemoryMarshal.GetReference(gradient);
        ref float h = ref MemoryMarshal.GetReference(hessian);
        for (int i = 0; i < n; i++)
        {
            ref Sums cell = ref Unsafe.Add(ref sums, Unsafe.Add(ref c, i));
            cell.G += Unsafe.Add(ref g, i);
            cell.H += Unsafe.Add(ref h, i);
        }
    }

    /// <summary>Copies the sums into g and h (length = cells).</summary>
    public void CopyTo(Span<double> g, Span<double> h)
    {
        var sums = _sums.AsSpan(0, _cells);
        for (int k = 0; k < sums.Length; k++)
        {
            g[k] = sums[k].G;
            h[k] = sums[k].H;
        }
    }
}
