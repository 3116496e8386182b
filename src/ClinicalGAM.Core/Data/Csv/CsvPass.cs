using System.Text;
using ClinicalGAM.Core.Data.Sources;
using Sylvan.Data.Csv;

namespace ClinicalGAM.Core.Data.Csv;

/// <summary>
/// One streaming pass over a CSV: checks the header and every row's field count, tracks text line numbers, honours
/// cancellation, and hands each trimmed field to a callback. Quote errors and over-long lines become
/// CohortFormatExceptions.
/// </summary>
internal static class CsvPass
{
    /// <summary>How to parse the text once its encoding and delimiter are known.</summary>
    public readonly record struct Form(Encoding Encoding, char Delimiter, int MaxLineCharacters);

    public static string[] ReadHeader(Stream stream, Form form)
    {
        stream.Position = 0;
        using var text = new StreamReader(stream, form.Encoding, true, 1 << 16, leaveOpen: true);
        using var csv = Open(text, form);
        return Header(csv);
    }

    /// <summary>Runs one pass and returns the number of data rows.</summary>
    public static int Run(Stream stream, Form form, FieldHandler handler, IProgress<double>? progress,
        double progressFrom, double progressTo, CancellationToken ct)
    {
        stream.Position = 0;
        using var counted = new ProgressStream(stream, progress, progressFrom, progressTo);
        using var text = new StreamReader(counted, form.Encoding, true, 1 << 16, leaveOpen: true);
        using var csv = Open(text, form);
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
                    if (actual == 1 && fields > 1 && IsBlank(csv.GetFieldSpan(0))) continue; // blank line
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
                    handler(row, c, SpreadsheetText.Unescape(raw.Trim()), line);
                    extraLines += raw.Count('\n');
                }
                row++;
            }
        }
        catch (CsvRecordTooLargeException e)
        {
            throw LineTooLong(e.RowNumber + 1 + extraLines, form);
        }
        catch (CsvFormatException e)
        {
            string? column = e.FieldOrdinal >= 0 && e.FieldOrdinal < fields ? names[e.FieldOrdinal] : null;
            throw new CohortFormatException($"the file's quoting is broken: {Plain(e)}", e.RowNumber + 1 + extraLines, column);
        }
        ct.ThrowIfCancellationRequested();
        progress?.Report(progressTo);
        return row;
    }

    // A blank line, or the end-of-file mark (Ctrl-Z) that old DOS programs wrote after the last line.
    private static bool IsBlank(ReadOnlySpan<char> field) => field.Trim().Trim('\u001A').IsEmpty;

    /// <summary>A line longer than the limit: said in the user's terms, without the parser's setting names.</summary>
    public static CohortFormatException LineTooLong(long line, Form form) =>
        new($"the line is longer than {form.MaxLineCharacters:N0} characters, the most one line may hold. A cohort file has " +
            "one patient per line: is this a CSV with line breaks between rows (or a file that is not CSV at all)?", line);

    private static CsvDataReader Open(TextReader text, Form form)
    {
        try
        {
            return CsvDataReader.Create(text, new CsvDataReaderOptions
            {
                HasHeaders = true, Delimiter = form.Delimiter,
                BufferSize = Math.Min(1 << 12, form.MaxLineCharacters), MaxBufferSize = form.MaxLineCharacters,
            });
        }
        catch (CsvMissingHeadersException)
        {
            throw new CohortFormatException("the file is empty: expected a header line with column names.", 1);
        }
        catch (CsvRecordTooLargeException e)
        {
            throw LineTooLong(e.RowNumber + 1, form); // the parser reads the first data row with the header
        }
        catch (CsvFormatException e)
        {
            throw new CohortFormatException($"the header's quoting is broken: {Plain(e)}", 1);
        }
    }

    // The parser's own sentence, minus any advice about its settings (the user cannot reach them).
    private static string Plain(CsvFormatException e)
    {
        string message = e.Message;
        int advice = message.IndexOf(" Try ", StringComparison.Ordinal);
        return advice > 0 ? message[..advice] : message;
    }

    private static string[] Header(CsvDataReader csv)
    {
        var raw = new string[csv.FieldCount];
        for (int c = 0; c < raw.Length; c++) raw[c] = SpreadsheetText.Unescape(csv.GetName(c).Trim()).ToString();
        return HeaderNames.Check(raw, 1);
    }
}
