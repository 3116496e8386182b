using System.Text;
using ClinicalGAM.Core.Data.Csv;

namespace ClinicalGAM.Core.Data;

/// <summary>
/// Reads a cohort CSV into typed columns. Two streaming passes: the first infers each column's kind in bounded
/// memory, the second fills exactly-sized typed arrays (a double or an int code per cell, never a string per numeric
/// cell). A non-seekable stream (an upload) is spooled to a temporary file first. Any malformed input throws
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

        var sniffers = names.Select(n => new ColumnSniffer(n)).ToArray();
        int rows = CsvPass.Run(stream, delimiter, (_, c, value, _) => sniffers[c].Observe(value), progress, 0, 0.5, ct);

        var loaders = sniffers
            .Select(s => ColumnLoader.Create(s.Name,
                options.KindOverrides.TryGetValue(s.Name, out var kind) ? s.Plan(kind) : s.Plan(), rows))
            .ToArray();
        CsvPass.Run(stream, delimiter, (r, c, value, line) => loaders[c].Load(r, value, line), progress, 0.5, 1, ct);
        return new CohortTable(loaders.Select(l => l.Build()).ToArray());
    }

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
