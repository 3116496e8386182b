using System.Text;

namespace ClinicalGAM.Core.Data;

/// <summary>
/// Writes a cohort as RFC 4180 CSV (comma, quotes only where needed, "" for missing) that the reader reads back.
/// Text that a spreadsheet would run as a formula is escaped (<see cref="SpreadsheetText"/>); the reader undoes it.
/// </summary>
public static class CohortCsvWriter
{
    public static void Write(CohortTable table, Stream stream, CancellationToken ct = default)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        Write(table, writer, ct);
    }

    public static void Write(CohortTable table, TextWriter writer, CancellationToken ct = default)
    {
        var columns = table.Columns;
        for (int c = 0; c < columns.Count; c++)
        {
            if (c > 0) writer.Write(',');
            writer.Write(Quote(columns[c].Name));
        }
        writer.WriteLine();
        for (int r = 0; r < table.RowCount; r++)
        {
            if ((r & 4095) == 0) ct.ThrowIfCancellationRequested();
            for (int c = 0; c < columns.Count; c++)
            {
                if (c > 0) writer.Write(',');
                writer.Write(columns[c] is NumericColumn ? columns[c].Format(r) : Quote(columns[c].Format(r)));
            }
            writer.WriteLine();
        }
        writer.Flush();
    }

    private static string Quote(string text)
    {
        text = SpreadsheetText.Escape(text);
        bool needs = text.AsSpan().IndexOfAny(",\"\n\r") >= 0 || (text.Length > 0 && (text[0] == ' ' || text[^1] == ' '));
        return needs ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
