using ClinicalGAM.Core.Data.Excel;
using ClinicalGAM.Core.Data.Parquet;
using ClinicalGAM.Core.Data.Sources;

namespace ClinicalGAM.Core.Data;

/// <summary>The kinds of cohort file, chosen by the file's extension.</summary>
public enum CohortFileFormat { Csv, Excel, Parquet }

/// <summary>
/// Reads a cohort from a CSV, an Excel workbook (.xlsx, .xlsm, .xls; <see cref="CsvReadOptions.Sheet"/> chooses the
/// sheet) or a Parquet file, by extension. Every format goes through the same schema inference, type overrides and
/// errors naming where the bad value is (<see cref="CohortAssembler"/>); nothing is returned half-read.
/// </summary>
public static class CohortFileReader
{
    public static CohortFileFormat FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".xlsx" or ".xlsm" or ".xls" => CohortFileFormat.Excel,
        ".parquet" or ".parq" => CohortFileFormat.Parquet,
        _ => CohortFileFormat.Csv,
    };

    public static CohortTable Read(string path, CsvReadOptions? options = null, IProgress<double>? progress = null,
        CancellationToken ct = default)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Read(file, FormatOf(path), options, progress, ct);
    }

    public static CohortTable Read(Stream stream, CohortFileFormat format, CsvReadOptions? options = null,
        IProgress<double>? progress = null, CancellationToken ct = default)
    {
        options ??= CsvReadOptions.Default;
        if (format == CohortFileFormat.Csv) return CohortCsvReader.Read(stream, options, progress, ct);
        return CohortFileSize.WithSeekable(stream, options, ct, seekable =>
            CohortAssembler.Assemble(Open(seekable, format, options), options, progress, ct));
    }

    /// <summary>The column names only, e.g. to choose type overrides before a full read.</summary>
    public static IReadOnlyList<string> ReadColumnNames(string path, CsvReadOptions? options = null)
    {
        var format = FormatOf(path);
        if (format == CohortFileFormat.Csv) return CohortCsvReader.ReadColumnNames(path, options);
        using var file = File.OpenRead(path);
        options ??= CsvReadOptions.Default;
        CohortFileSize.Check(file.Length, options);
        return Open(file, format, options).Names;
    }

    /// <summary>A workbook's sheet names in order (empty for CSV and Parquet), for the user to choose one.</summary>
    public static IReadOnlyList<string> SheetNames(string path)
    {
        if (FormatOf(path) != CohortFileFormat.Excel) return [];
        using var file = File.OpenRead(path);
        return ExcelSource.SheetNames(file);
    }

    private static ICohortSource Open(Stream stream, CohortFileFormat format, CsvReadOptions options) => format switch
    {
        CohortFileFormat.Excel => ExcelSource.Open(stream, options),
        CohortFileFormat.Parquet => ParquetSource.Open(stream),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}
