namespace ClinicalGAM.Core.Data;

/// <summary>How to read a cohort file (CSV, Excel workbook or Parquet). The defaults infer everything.</summary>
public sealed record CsvReadOptions
{
    public static CsvReadOptions Default { get; } = new();

    /// <summary>The default <see cref="MaxFileBytes"/>: 1 GiB, the web upload's default too.</summary>
    public const long DefaultMaxFileBytes = 1L << 30;

    /// <summary>The default <see cref="MaxLineCharacters"/>: 16 Mi characters (a 10,000-column row needs ~100 k).</summary>
    public const int DefaultMaxLineCharacters = 16 << 20;

    /// <summary>Column kinds chosen by the user, overriding inference (e.g. a numeric code read as categorical).</summary>
    public IReadOnlyDictionary<string, ColumnKind> KindOverrides { get; init; } = new Dictionary<string, ColumnKind>();

    /// <summary>Field delimiter; null detects comma, semicolon or tab from the header line. Defaults to null.</summary>
    public char? Delimiter { get; init; }

    /// <summary>The workbook sheet to read; null reads the first sheet. Ignored for CSV and Parquet. Defaults to null.</summary>
    public string? Sheet { get; init; }

    /// <summary>Files larger than this are refused before reading. Defaults to <see cref="DefaultMaxFileBytes"/>.</summary>
    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;

    /// <summary>
    /// The longest CSV line read, in characters: one record must fit in memory at once, so a file without line breaks
    /// is refused instead of filling memory. At least 4,096. Defaults to <see cref="DefaultMaxLineCharacters"/>.
    /// </summary>
    public int MaxLineCharacters
    {
        get => _maxLineCharacters;
        init => _maxLineCharacters = Math.Max(1 << 12, value);
    }

    private readonly int _maxLineCharacters = DefaultMaxLineCharacters;

    /// <summary>Told each notice about how the file was read (e.g. its text encoding); null ignores them. Defaults to null.</summary>
    public Action<string>? Notice { get; init; }
}
