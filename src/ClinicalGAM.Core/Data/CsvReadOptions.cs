namespace ClinicalGAM.Core.Data;

/// <summary>How to read a cohort CSV. The defaults infer everything.</summary>
public sealed record CsvReadOptions
{
    public static CsvReadOptions Default { get; } = new();

    /// <summary>Column kinds chosen by the user, overriding inference (e.g. a numeric code read as categorical).</summary>
    public IReadOnlyDictionary<string, ColumnKind> KindOverrides { get; init; } = new Dictionary<string, ColumnKind>();

    /// <summary>Field delimiter; null detects comma, semicolon or tab from the header line. Defaults to null.</summary>
    public char? Delimiter { get; init; }
}
