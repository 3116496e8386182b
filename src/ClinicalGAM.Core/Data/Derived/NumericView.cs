using System.Globalization;

namespace ClinicalGAM.Core.Data.Derived;

/// <summary>
/// A column as numbers for a formula. A categorical or binary column whose labels are all numbers (a small file where
/// "120" and "95" were read as two levels) counts as numeric; text labels and identifiers do not.
/// </summary>
internal static class NumericView
{
    public static NumericColumn? Of(CohortColumn column) => column switch
    {
        NumericColumn numeric => numeric,
        CategoricalColumn { Kind: not ColumnKind.Identifier } categorical when categorical.Levels.All(IsNumber) =>
            (NumericColumn)categorical.WithKind(ColumnKind.Numeric),
        _ => null,
    };

    private static bool IsNumber(string level) =>
        double.TryParse(level, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v);
}
