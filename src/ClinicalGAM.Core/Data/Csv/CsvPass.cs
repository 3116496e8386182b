using System.Text;
using Sylvan.Data.Csv;

namespace ClinicalGAM.Core.Data.Csv;

/// <summary>
/// One streaming pass over a CSV: checks the header and every row's field count, tracks text line numbers, honours
/// cancellation, and hands each trimmed field to a callback. Quote errors become CohortFormatExceptions.
/// </summary>
internal static class CsvPass
{
    /// <summary>Called for every field of every data row: (row index, column index, trimmed value, 1-based line).</summary>
    public delegate void FieldHandler(int row, int column, ReadOnlySpan<char> value, long line);

    public static string[] ReadHeader(Stream stream, char delimiter)
    {
        stream.Position = 0;
        using var text = new StreamReader(stream, Encoding.UTF8, true, 1 << 16, leaveOpen: true);
        using var csv = Open(text, delimiter);
        return Header(csv);
    }

    /// <summary>Runs one pass and returns the number of data rows.</summary>
    public static int Run(Stream stream, char delimiter, FieldHandler handler, IProgress<double>? progress,
        double progressFrom, double progressTo, CancellationToken ct)
    {
        stream.Position = 0;
        using var counted = new ProgressStream(stream, progress, progressFrom, progressTo);
        using var text = new StreamReader(counted, Encoding.UTF8, true, 1 << 16, leaveOpen: true);
        using var csv = Open(text, delimiter);
        var names = Header(csv);
        int fields = names.Length;
        int row = 0;
        long extraLines = 0; // newlines inside quoted fields push later records down the file
        try
        {
            while (csv.Read())
            {
                long line = csv.RowNumber + 1 + extraLines;
                int actual = csv.RowFieldCount;
                if (actual != fields)
                {
                    if (actual == 1 && fields > 1 && csv.GetFieldSpan(0).IsWhiteSpace()) continue; // blank line
                    string column = actual < fields ? names[actual] : names[^1];
                    throw new CohortFormatException(
                        $"expected {fields} fields as in the header but found {actual} " +
                        (actual < fields ? $"(the row ends before column '{names[actual]}')."
                                         : "(more fields than columns; an unquoted delimiter inside a value?)."),
                        line, column);
                }
                if ((row & 4095) == 0) ct.ThrowIfCancellationRequested();
                for (int c = 0; c < fields; c++)
                {
                    var raw = csv.GetFieldSpan(c);
                    handler(row, c, raw.Trim(), line);
                    extraLines += raw.Count('\n');
                }
                row++;
            }
        }
        catch (CsvFormatException e)
        {
            string? column = e.FieldOrdinal >= 0 && e.FieldOrdinal < fields ? names[e.FieldOrdinal] : null;
            throw new CohortFormatException($"the file's quoting is broken: {e.Message}", e.RowNumber + 1 + extraLines, column);
        }
        ct.ThrowIfCancellationRequested();
        progress?.Report(progressTo);
        return row;
    }

    private static CsvDataReader Open(TextReader text, char delimiter)
    {
        try
        {
            return CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, Delimiter = delimiter });
        }
        catch (CsvMissingHeadersException)
        {
            throw new CohortFormatException("the file is empty: expected a header line with column names.", 1);
        }
        catch (CsvFormatException e)
        {
            throw new CohortFormatException($"the header's quoting is broken: {e.Message}", 1);
        }
    }

    private static string[] Header(CsvDataReader csv)
    {
        var names = new string[csv.FieldCount];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < names.Length; c++)
        {
            names[c] = csv.GetName(c).Trim();
            if (names[c].Length == 0)
                throw new CohortFormatException($"column {c + 1} of the header has no name.", 1, $"#{c + 1}");
            if (!seen.TryAdd(names[c], c))
                throw new CohortFormatException(
                    $"the header names this column twice (columns {seen[names[c]] + 1} and {c + 1}).", 1, names[c]);
        }
        if (names.All(n => ValueParser.TryNumber(n, out _)))
            throw new CohortFormatException(
                "there is no header: the first line holds numbers, not column names. Add a header line.", 1);
        return names;
    }
}
