using ClinicalGAM.Core.Data.Csv;
using ClinicalGAM.Core.Data.Sources;

namespace ClinicalGAM.Core.Data;

/// <summary>
/// Reads a cohort CSV into typed columns. Before parsing, the file is checked to be text (not a zip, workbook or binary
/// data) within the size limit, and its encoding settled (byte-order mark, UTF-8, else Windows-1252 with a notice).
/// Then two streaming passes (<see cref="CohortAssembler"/>): the first infers each column's kind, the second fills
/// exactly-sized code arrays for text, date and overridden columns only. A non-seekable stream (an upload) is spooled to
/// a temporary file first. Any malformed input throws <see cref="CohortFormatException"/> naming the line and column;
/// nothing is returned half-read.
/// </summary>
public static class CohortCsvReader
{
    public static CohortTable Read(string path, CsvReadOptions? options = null, IProgress<double>? progress = null,
        CancellationToken ct = default)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Read(file, options, progress, ct);
    }

    public static CohortTable Read(Stream stream, CsvReadOptions? options = null, IProgress<double>? progress = null,
        CancellationToken ct = default)
    {
        options ??= CsvReadOptions.Default;
        return CohortFileSize.WithSeekable(stream, options, ct, seekable =>
        {
            var source = CsvSource.Open(seekable, options, ct);
            DecimalComma? decimals = source.Delimiter == ';' ? new DecimalComma() : null;
            // The normaliser reuses one buffer: each field is consumed before the next is read.
            return CohortAssembler.Assemble(source, options, progress, ct, decimals is null ? null : decimals.Normalise);
        });
    }

    /// <summary>The header's column names only (one line read), e.g. to choose type overrides before a full read.</summary>
    public static IReadOnlyList<string> ReadColumnNames(string path, CsvReadOptions? options = null)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        options ??= CsvReadOptions.Default;
        CohortFileSize.Check(file.Length, options);
        return CsvSource.Open(file, options, CancellationToken.None).Names;
    }
}
