namespace ClinicalGAM.Core.Data.Derived;

/// <summary>Why a derived value is missing for a row.</summary>
public enum MissingReason
{
    /// <summary>A column the formula reads is missing in that row.</summary>
    MissingInput,
    DivisionByZero,
    LogOfNonPositive,
    SqrtOfNegative,
    /// <summary>A negative number to a fractional power, or zero to a negative power.</summary>
    UndefinedPower,
    /// <summary>The result is too large to represent (e.g. exp(1000)).</summary>
    TooLarge,
}

/// <summary>
/// How many rows became missing for one reason at one place in the formula, e.g. DivisionByZero at
/// "baby_weight_g / maternal_height_cm" when "maternal_height_cm = 0".
/// </summary>
public sealed record MissingRows(MissingReason Reason, string Expression, string Condition, int Rows)
{
    /// <summary>One sentence for the user: "division by zero in 12 rows: maternal_height_cm = 0".</summary>
    public string Message => $"{Describe(Reason)} in {Rows:N0} row{(Rows == 1 ? "" : "s")}: {Condition}";

    private static string Describe(MissingReason reason) => reason switch
    {
        MissingReason.MissingInput => "missing input",
        MissingReason.DivisionByZero => "division by zero",
        MissingReason.LogOfNonPositive => "logarithm of a non-positive value",
        MissingReason.SqrtOfNegative => "square root of a negative value",
        MissingReason.UndefinedPower => "undefined power",
        _ => "result too large",
    };
}

/// <summary>One preview row: its index, the value of each input column (NaN = missing) and the derived value.</summary>
public sealed record DerivedPreviewRow(int Row, IReadOnlyList<double> Inputs, double Value);

/// <summary>The first rows of a derived column beside the inputs that made them.</summary>
public sealed record DerivedPreview(IReadOnlyList<string> InputColumns, IReadOnlyList<DerivedPreviewRow> Rows);

/// <summary>A computed derived feature: the column, how many rows are missing and why, and a preview.</summary>
public sealed record DerivedFeatureResult(
    DerivedFeature Feature,
    NumericColumn Column,
    int MissingCount,
    IReadOnlyList<MissingRows> Missing,
    DerivedPreview Preview)
{
    /// <summary>Rows that became missing because of the formula itself (not because an input was missing).</summary>
    public int UndefinedCount => Missing.Where(m => m.Reason != MissingReason.MissingInput).Sum(m => m.Rows);
}
