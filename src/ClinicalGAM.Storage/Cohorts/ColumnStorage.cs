namespace ClinicalGAM.Storage;

/// <summary>How a column's values are laid out in its blobs.</summary>
public enum ColumnStorage
{
    /// <summary>One IEEE double per row, NaN = missing (<see cref="ClinicalGAM.Core.Data.NumericColumn"/>).</summary>
    Doubles,
    /// <summary>One 32-bit level code per row, -1 = missing, plus level labels (<see cref="ClinicalGAM.Core.Data.CategoricalColumn"/>).</summary>
    LevelCodes,
}
