namespace ClinicalGAM.Core.Data.Csv;

/// <summary>
/// Counts line breaks in a file: an upper bound on its data rows (quoted multi-line fields and blank lines only make
/// the real count smaller), so numeric columns can be sized once instead of grown and copied.
/// </summary>
internal static class LineCounter
{
    public static int DataRowUpperBound(Stream stream, CancellationToken ct)
    {
        stream.Position = 0;
        var buffer = new byte[1 << 20];
        long lines = 0;
        byte last = (byte)'\n';
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            ct.ThrowIfCancellationRequested();
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            last = buffer[read - 1];
        }
        if (last != (byte)'\n') lines++; // last line without a line break
        long dataRows = Math.Max(0, lines - 1); // minus the header
        if (dataRows > Array.MaxLength)
            throw new CohortFormatException($"the file has more than {Array.MaxLength:N0} rows, more than one cohort can hold.");
        return (int)dataRows;
    }
}
