using System.Text;

namespace ClinicalGAM.Core.Data.Csv;

/// <summary>
/// Looks at a file's first bytes before any CSV parsing: a byte-order mark chooses the text encoding, and a file that
/// is not text at all (a zip archive or workbook renamed .csv, compressed or binary data) is refused with a sentence
/// saying what it is, instead of an error quoting a "column name" of binary garbage.
/// </summary>
internal static class FileSignature
{
    private const int HeadBytes = 1 << 16;

    /// <summary>The text encoding to read with; <see cref="VerifyUtf8"/> when no mark proved it (see <see cref="TextScan"/>).</summary>
    public readonly record struct TextForm(Encoding Encoding, bool VerifyUtf8, bool Utf8Mark);

    public static TextForm Detect(Stream stream)
    {
        stream.Position = 0;
        var buffer = new byte[HeadBytes];
        int length = stream.ReadAtLeast(buffer, HeadBytes, throwOnEndOfStream: false);
        var head = buffer.AsSpan(0, length);
        stream.Position = 0;

        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return new(Encoding.UTF8, true, true);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0])) return new(Encoding.UTF32, false, false);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return new(Encoding.Unicode, false, false);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return new(Encoding.BigEndianUnicode, false, false);
        if (NotText(head, EndsWithParquetMark(stream)) is { } what) throw new CohortFormatException(what);
        if (Utf16WithoutMark(head) is { } utf16) return new(utf16, false, false);
        if (FirstControlByte(head) is { } offset)
            throw new CohortFormatException(
                $"the file is not a text file: it holds binary data (byte {offset + 1:N0} is a control code that text does not use). " +
                "A cohort file is CSV text, an Excel workbook (.xlsx, .xls) or a Parquet file (.parquet).");
        return new(new UTF8Encoding(false), true, false);
    }

    /// <summary>A sentence naming a known binary format, or null.</summary>
    private static string? NotText(ReadOnlySpan<byte> head, bool parquetEnd)
    {
        if (head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8))
            return head.IndexOf("xl/"u8) >= 0 || head.IndexOf("[Content_Types].xml"u8) >= 0
                ? "the file is a zip archive holding an Excel workbook (.xlsx), not CSV text: name it .xlsx to read a sheet " +
                  "from it, or save the sheet as CSV."
                : "the file is a zip archive, not CSV text: unzip it and read the CSV inside.";
        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
            return "the file is an Office document (an older Excel .xls workbook, or a password-protected workbook), not " +
                   "CSV text: name it .xls to read a sheet from it, or save the sheet as CSV.";
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])) return "the file is gzip-compressed, not CSV text: decompress it first.";
        if (head.StartsWith("PAR1"u8) && parquetEnd) return "the file is a Parquet file, not CSV text: name it .parquet to read it.";
        if (head.StartsWith("%PDF"u8)) return "the file is a PDF document, not CSV text.";
        return null;
    }

    // A Parquet file starts and ends with "PAR1"; a CSV whose first column is named PAR1 (a gene) only starts with it.
    private static bool EndsWithParquetMark(Stream stream)
    {
        if (stream.Length < 8) return false;
        Span<byte> tail = stackalloc byte[4];
        stream.Position = stream.Length - 4;
        stream.ReadExactly(tail);
        stream.Position = 0;
        return tail.SequenceEqual("PAR1"u8);
    }

    /// <summary>UTF-16 text without a mark: in the first kilobyte, nearly every other byte is zero (ASCII characters).</summary>
    private static Encoding? Utf16WithoutMark(ReadOnlySpan<byte> head)
    {
        int pairs = Math.Min(head.Length, 1024) / 2;
        if (pairs < 4) return null;
        int zeroEven = 0, zeroOdd = 0;
        for (int i = 0; i < pairs; i++)
        {
            if (head[2 * i] == 0) zeroEven++;
            if (head[2 * i + 1] == 0) zeroOdd++;
        }
        if (zeroOdd > pairs * 0.9 && zeroEven < pairs * 0.05) return Encoding.Unicode;
        if (zeroEven > pairs * 0.9 && zeroOdd < pairs * 0.05) return Encoding.BigEndianUnicode;
        return null;
    }

    /// <summary>
    /// The first byte that text never holds (NUL and the C0 controls other than tab, line feed, vertical tab, form feed,
    /// carriage return, escape and the old DOS end-of-file mark), when there is one; such bytes mean binary data
    /// whatever the encoding.
    /// </summary>
    private static int? FirstControlByte(ReadOnlySpan<byte> head)
    {
        for (int i = 0; i < head.Length; i++)
        {
            byte b = head[i];
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or 0x0B or (byte)'\f' or (byte)'\r' or 0x1A or 0x1B)) return i;
        }
        return null;
    }
}
