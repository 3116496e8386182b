using System.Buffers;
using System.Text.Unicode;

namespace ClinicalGAM.Core.Data.Csv;

/// <summary>
/// One pass over a text file's bytes: counts line breaks (an upper bound on its data rows, so numeric columns are sized
/// once) and finds the first byte that is not valid UTF-8, with its line, so a Latin-1 file is noticed before parsing
/// instead of turning its accents into U+FFFD.
/// </summary>
internal static class TextScan
{
    // Bytes that Windows-1252 leaves undefined; a file holding any is decoded as ISO-8859-1 instead.
    private static readonly SearchValues<byte> Undefined1252 = SearchValues.Create([0x81, 0x8D, 0x8F, 0x90, 0x9D]);

    public readonly record struct Result(int DataRowUpperBound, long? InvalidOffset, long InvalidLine, bool Has1252Gaps);

    public static Result Run(Stream stream, bool verifyUtf8, CancellationToken ct)
    {
        stream.Position = 0;
        var buffer = new byte[1 << 20];
        long lines = 0, position = 0, invalidLine = 0;
        long? invalid = null;
        bool gaps = false;
        int carry = 0;
        byte last = (byte)'\n';
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            int read = stream.Read(buffer.AsSpan(carry));
            bool final = read == 0;
            int filled = carry + read;
            if (filled == 0) break;
            var chunk = buffer.AsSpan(0, filled);
            var fresh = chunk[carry..];
            long linesBefore = lines;
            if (read > 0) last = fresh[^1];
            lines += fresh.Count((byte)'\n');
            gaps |= fresh.IndexOfAny(Undefined1252) >= 0;
            int complete = filled;
            if (verifyUtf8 && invalid is null)
            {
                // A sequence cut by the chunk's end is checked again with the next chunk (carried bytes are never '\n').
                complete = final ? filled : CompletePrefix(chunk);
                int bad = FirstInvalid(chunk[..complete]);
                if (bad >= 0)
                {
                    invalid = position + bad;
                    invalidLine = linesBefore + 1 + chunk[..bad].Count((byte)'\n');
                    complete = filled;
                }
            }
            chunk[complete..].CopyTo(buffer);
            carry = filled - complete;
            position += complete;
            if (final) break;
        }
        if (last != (byte)'\n') lines++; // last line without a line break
        long dataRows = Math.Max(0, lines - 1); // minus the header
        if (dataRows > Array.MaxLength)
            throw new CohortFormatException($"the file has more than {Array.MaxLength:N0} rows, more than one cohort can hold.");
        return new Result((int)dataRows, invalid, invalidLine, gaps);
    }

    /// <summary>The length of the chunk without a UTF-8 sequence cut off at its end.</summary>
    private static int CompletePrefix(ReadOnlySpan<byte> chunk)
    {
        for (int back = 1; back <= Math.Min(4, chunk.Length); back++)
        {
            byte b = chunk[^back];
            if ((b & 0xC0) == 0x80) continue; // continuation byte: look further back for the lead
            int needed = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? chunk.Length - back : chunk.Length;
        }
        return chunk.Length;
    }

    /// <summary>Index of the first byte of an invalid UTF-8 sequence, or -1.</summary>
    private static int FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes)) return -1;
        int i = 0;
        while (i < bytes.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes[i..], out _, out int consumed);
            if (status != OperationStatus.Done) return i;
            i += consumed;
        }
        return -1;
    }
}
