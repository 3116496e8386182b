namespace ClinicalGAM.Core.Serialization.InterpretMl;

/// <summary>
/// Re-indexes a term's cells (row-major, one axis per feature) from one bin layout to another, given for each axis
/// which old bin every new bin reads. InterpretML and ClinicalGAM lay out bins alike (missing first) but differ at
/// the edges: InterpretML keeps an "unknown" bin after a continuous feature's last bin, and may group several
/// categories into one bin. Scores are copied; weights are shared out among the new bins that read the same old bin,
/// so a term's total weight (and so its importance) is unchanged.
/// </summary>
internal sealed class TermTensor
{
    private readonly int[] _oldDims;
    private readonly int[][] _maps;
    private readonly double[][] _shares;

    /// <param name="oldDims">Bins per axis in the source layout.</param>
    /// <param name="maps">Per axis, for each new bin the old bin it reads, or -1 for a new bin with no counterpart
    /// (score 0, weight 0).</param>
    public TermTensor(int[] oldDims, int[][] maps)
    {
        _oldDims = oldDims;
        _maps = maps;
        _shares = maps.Select(Shares).ToArray();
        NewCells = maps.Aggregate(1, (n, m) => n * m.Length);
    }

    public int NewCells { get; }

    /// <summary>A map that keeps bins 0..count-1 as they are and adds `extra` empty bins after them.</summary>
    public static int[] Identity(int count, int extra = 0) =>
        Enumerable.Range(0, count + extra).Select(i => i < count ? i : -1).ToArray();

    public double[] Values(double[] old) => Remap(old, weighted: false);

    public double[] Weights(double[] old) => Remap(old, weighted: true);

    private double[] Remap(double[] old, bool weighted)
    {
        var result = new double[NewCells];
        if (_maps.Length == 1)
        {
            for (int i = 0; i < result.Length; i++)
            {
                int o = _maps[0][i];
                result[i] = o < 0 ? 0 : weighted ? old[o] * _shares[0][i] : old[o];
            }
            return result;
        }
        int n1 = _maps[1].Length, o1 = _oldDims[1];
        for (int a = 0; a < _maps[0].Length; a++)
        {
            int oa = _maps[0][a];
            for (int b = 0; b < n1; b++)
            {
                int ob = _maps[1][b];
                if (oa < 0 || ob < 0) continue;
                double v = old[oa * o1 + ob];
                result[a * n1 + b] = weighted ? v * _shares[0][a] * _shares[1][b] : v;
            }
        }
        return result;
    }

    private static double[] Shares(int[] map)
    {
        var counts = new Dictionary<int, int>();
        foreach (int o in map) if (o >= 0) counts[o] = counts.GetValueOrDefault(o) + 1;
        return map.Select(o => o < 0 ? 0.0 : 1.0 / counts[o]).ToArray();
    }
}
