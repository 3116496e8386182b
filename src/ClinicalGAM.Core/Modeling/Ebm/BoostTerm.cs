namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>How a term's cells are searched for a cut.</summary>
internal enum TermShape
{
    /// <summary>One feature with ordered bins (continuous or ordinal); the missing bin gets its own update.</summary>
    Ordered,
    /// <summary>One unordered feature: categories are ordered by mean gradient before cutting.</summary>
    Nominal,
    /// <summary>Two features: a cut on one axis, then a cut on the other axis within one side (three leaves).</summary>
    Pair,
}

/// <summary>A term as one bag's booster sees it: cell codes of that bag's training and validation rows.</summary>
internal sealed class BoostTerm
{
    public required TermShape Shape { get; init; }
    /// <summary>Cells per axis (one entry for mains, two for pairs); cell = bin0 * Dims[1] + bin1.</summary>
    public required int[] Dims { get; init; }
    public required ushort[] TrainCells { get; init; }
    public required ushort[] ValidationCells { get; init; }
    /// <summary>+1 increasing, -1 decreasing, 0 free (ordered mains only).</summary>
    public int Monotone { get; init; }

    public int CellCount => Dims.Length == 1 ? Dims[0] : Dims[0] * Dims[1];
}
