using System.Text;
using ClinicalGAM.Core.Data.Sources;

namespace ClinicalGAM.Core.Data.Csv;

/// <summary>
/// A CSV file once its form is known: checked to be text (<see cref="FileSignature"/>), its encoding settled (a
/// byte-order mark, else UTF-8, else Windows-1252 with a notice: see <see cref="TextScan"/>), its delimiter detected
/// and its header read. Each pass is one <see cref="CsvPass"/>.
/// </summary>
internal sealed class CsvSource : ICohortSource
{
    private readonly Stream _stream;
    private readonly CsvPass.Form _form;

    private CsvSource(Stream stream, CsvPass.Form form, string[] names, int rows)
    {
        _stream = stream;
        _form = form;
        Names = names;
        RowUpperBound = rows;
    }

    public IReadOnlyList<string> Names { get; }
    public int RowUpperBound { get; }
    public string LineWord => "Line";
    public long FirstDataLine => 2;
    public char Delimiter => _form.Delimiter;

    public static CsvSource Open(Stream stream, CsvReadOptions options, CancellationToken ct)
    {
        var text = FileSignature.Detect(stream);
        var scan = TextScan.Run(stream, text.VerifyUtf8, ct);
        var encoding = text.Encoding;
        if (scan.InvalidOffset is { } offset)
        {
            if (text.Utf8Mark)
                throw new CohortFormatException(
                    "the file starts with a UTF-8 mark but holds bytes that are not UTF-8; save it again as UTF-8 CSV.", scan.InvalidLine);
            encoding = Legacy.Choose(scan.Has1252Gaps);
            options.Notice?.Invoke(Legacy.Notice(stream, offset, scan.InvalidLine, encoding));
        }
        char delimiter = options.Delimiter ?? DetectDelimiter(stream, encoding, options.MaxLineCharacters);
        var form = new CsvPass.Form(encoding, delimiter, options.MaxLineCharacters);
        return new CsvSource(stream, form, CsvPass.ReadHeader(stream, form), scan.DataRowUpperBound);
    }

    // A text file is read whole either way: every row's field count is checked on every pass.
    public int Pass(FieldHandler handler, bool[]? wanted, IProgress<double>? progress, double from, double to, CancellationToken ct) =>
        CsvPass.Run(_stream, _form, handler, progress, from, to, ct);

    /// <summary>The header line, read with a bound on its length, and the delimiter it uses.</summary>
    private static char DetectDelimiter(Stream stream, Encoding encoding, int maxLine)
    {
        stream.Position = 0;
        using var text = new StreamReader(stream, encoding, true, 1 << 16, leaveOpen: true);
        var header = new StringBuilder();
        int c;
        while ((c = text.Read()) >= 0 && c != '\n')
            if (header.Append((char)c).Length > maxLine) throw CsvPass.LineTooLong(1, new CsvPass.Form(encoding, ',', maxLine));
        bool blank = header.ToString().Trim().Length == 0;
        if (c < 0 && blank || blank && RestIsBlank(text))
            throw new CohortFormatException("the file is empty: expected a header line with column names.", 1);
        if (blank) throw new CohortFormatException("the first line is blank: expected a header line with column names.", 1);
        return DelimiterDetector.Detect(header.ToString());
    }

    private static bool RestIsBlank(TextReader text)
    {
        var buffer = new char[1 << 14];
        int read;
        while ((read = text.Read(buffer)) > 0)
            if (!buffer.AsSpan(0, read).IsWhiteSpace()) return false;
        return true;
    }

    /// <summary>Reading a file that is not UTF-8: which legacy encoding, and the notice that says so.</summary>
    private static class Legacy
    {
        public static Encoding Choose(bool has1252Gaps) =>
            has1252Gaps ? Encoding.Latin1 : CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

        public static string Notice(Stream stream, long offset, long line, Encoding encoding)
        {
            string name = encoding.CodePage == 1252 ? "Windows-1252 (Western European, a superset of Latin-1)" : "Latin-1 (ISO-8859-1)";
            return $"The file is not UTF-8 (line {line} holds the byte 0x{ByteAt(stream, offset):X2}{Sample(stream, offset, encoding)}), " +
                   $"so it was read as {name}, the encoding Excel uses for CSV on Western-language Windows. If accented " +
                   "letters look wrong in the preview, save the file as \"CSV UTF-8\" and upload it again.";
        }

        private static byte ByteAt(Stream stream, long offset)
        {
            stream.Position = offset;
            int b = stream.ReadByte();
            stream.Position = 0;
            return (byte)Math.Max(0, b);
        }

        /// <summary>The value around the byte, as now read: e.g. " in 'café'".</summary>
        private static string Sample(Stream stream, long offset, Encoding encoding)
        {
            long start = Math.Max(0, offset - 40);
            stream.Position = start;
            var bytes = new byte[80];
            int read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            stream.Position = 0;
            var span = bytes.AsSpan(0, read);
            int at = (int)(offset - start);
            int from = span[..at].LastIndexOfAny(",;\t\n\""u8) + 1;
            int length = span[at..].IndexOfAny(",;\t\r\n\""u8);
            var value = span[from..(length < 0 ? read : at + length)];
            return value.Length is > 0 and <= 40 ? $" in '{encoding.GetString(value)}'" : "";
        }
    }
}
