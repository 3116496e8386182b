namespace ClinicalGAM.Core.Data.Csv;

/// <summary>The spellings of "not recorded" found in clinical extracts: "", NA, NaN, null, ? (any case, trimmed).</summary>
internal static class MissingValues
{
    public static bool IsMissing(ReadOnlySpan<char> trimmed) =>
        trimmed.Length switch
        {
            0 => true,
            1 => trimmed[0] == '?',
            2 => trimmed.Equals("NA", StringComparison.OrdinalIgnoreCase),
            3 => trimmed.Equals("NaN", StringComparison.OrdinalIgnoreCase),
            4 => trimmed.Equals("null", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
}
