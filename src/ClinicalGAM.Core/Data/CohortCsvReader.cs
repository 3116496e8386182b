using System.Text;
using ClinicalGAM.Core.Data.Csv;

namespace ClinicalGAM.Core.Data;

/// <summary>
/// Reads a cohort CSV into typed columns. Two streaming passes: the first infers each column's kind (distinct values
/// tracked only up to a cap) and keeps the parsed values of all-numeric columns; the second fills exactly-sized code
/// arrays for text, date and overridden columns only (a double or an int code per cell, never a string per cell). A non-seekable stream (an upload) is spooled to a temporary file first. Any malformed input throws
/// <see cref="CohortFormatException"/> naming the line and column; nothing is returned half-read.
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
        if (stream.CanSeek) return ReadSeekable(stream, options, progress, ct);
        using var spool = Spool(stream, ct);
        return ReadSeekable(spool, options, progress, ct);
    }

    /// <summary>The header's column names only (one line read), e.g. to choose type overrides before a full read.</summary>
    public static IReadOnlyList<string> ReadColumnNames(string path, CsvReadOptions? options = null)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        char delimiter = options?.Delimiter ?? DetectDelimiter(file);
        return CsvPass.ReadHeader(file, delimiter);
    }

    private static CohortTable ReadSeekable(Stream stream, CsvReadOptions options, IProgress<double>? progress,
        CancellationToken ct)
    {
        progress?.Report(0);
        char delimiter = options.Delimiter ?? DetectDelimiter(stream);
        var names = CsvPass.ReadHeader(stream, delimiter);
        foreach (var name in options.KindOverrides.Keys)
            if (!names.Contains(name))
                throw new CohortFormatException("a type override names a column that the file does not have.", null, name);

        int capacity = LineCounter.DataRowUpperBound(stream, ct);
        var sniffers = names.Select(n => new ColumnSniffer(n, capacity)).ToArray();
        // The normaliser reuses one buffer: each field is consumed before the next is read.
        var decimals = delimiter == ';' ? new DecimalComma() : null;
        int rows = CsvPass.Run(stream, delimiter, (_, c, value, _) => sniffers[c].Observe(Decimals(decimals, value)),
            progress, 0, 0.5, ct);
        if (rows == 0) throw new CohortFormatException("the file has a header but no data rows.", 2);

        // Columns whose values were all numbers are already parsed; only the others need the second pass.
        var columns = new CohortColumn?[names.Length];
        var loaders = new ColumnLoader?[names.Length];
        for (int c = 0; c < names.Length; c++)
        {
            var sniffer = sniffers[c];
            var plan = options.KindOverrides.TryGetValue(sniffer.Name, out var kind) ? sniffer.Plan(kind) : sniffer.Plan();
            if (sniffer.HasNumbers && plan.Storage is StorageKind.Numbers or StorageKind.Dates or StorageKind.ZeroOne)
                columns[c] = new NumericColumn(sniffer.Name, sniffer.TakeNumbers(rows), plan.Kind);
            else
                loaders[c] = ColumnLoader.Create(sniffer.Name, plan, rows);
        }
        if (loaders.Any(l => l is not null))
            CsvPass.Run(stream, delimiter, (r, c, value, line) => loaders[c]?.Load(r, Decimals(decimals, value), line),
                progress, 0.5, 1, ct);
        else
            progress?.Report(1);
        for (int c = 0; c < names.Length; c++) columns[c] ??= loaders[c]!.Build();
        return new CohortTable(columns!);
    }

    private static ReadOnlySpan<char> Decimals(DecimalComma? decimals, ReadOnlySpan<char> value) =>
        decimals is null ? value : decimals.Normalise(value);

    private static char DetectDelimiter(Stream stream)
    {
        stream.Position = 0;
        using var text = new StreamReader(stream, Encoding.UTF8, true, 1 << 16, leaveOpen: true);
        string? header = text.ReadLine();
        if (header is null || (header.Trim().Length == 0 && text.ReadToEnd().Trim().Length == 0))
            throw new CohortFormatException("the file is empty: expected a header line with column names.", 1);
        if (header.Trim().Length == 0)
            throw new CohortFormatException("the first line is blank: expected a header line with column names.", 1);
        return DelimiterDetector.Detect(header);
    }

    private static FileStream Spool(Stream source, CancellationToken ct)
    {
        var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None,
            1 << 16, FileOptions.DeleteOnClose);
        try
        {
            source.CopyToAsync(spool, 1 << 20, ct).GetAwaiter().GetResult();
            spool.Position = 0;
            return spool;
        }
        catch
        {
            spool.Dispose();
            throw;
        }
    }
}
