using System.IO.Compression;
using System.Text;
using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Tests.Data.Sources;

/// <summary>The malformed and unusual CSV files of issue 15, each pinned to its reading or its sentence.</summary>
public class CsvRobustnessTests
{
    private static CohortTable Read(byte[] bytes, CsvReadOptions? options = null) => CohortCsvReader.Read(new MemoryStream(bytes), options);

    private static CohortFormatException Fails(byte[] bytes, CsvReadOptions? options = null) =>
        Assert.Throws<CohortFormatException>(() => Read(bytes, options));

    [Fact]
    public void A_file_of_10000_columns_and_20_rows_is_read()
    {
        var text = new StringBuilder();
        text.AppendJoin(',', Enumerable.Range(0, 10_000).Select(c => $"marker_{c}")).Append('\n');
        for (int r = 0; r < 20; r++) text.AppendJoin(',', Enumerable.Range(0, 10_000).Select(c => (r * 10_000 + c).ToString())).Append('\n');

        var table = Read(Encoding.UTF8.GetBytes(text.ToString()));

        Assert.Equal(10_000, table.Columns.Count);
        Assert.Equal(20, table.RowCount);
        Assert.Equal(19 * 10_000 + 9_999, ((NumericColumn)table["marker_9999"])[19]);
    }

    [Fact]
    public void A_single_200_MB_line_is_refused_naming_the_line_length_limit_not_a_parser_setting()
    {
        var header = Encoding.UTF8.GetBytes("age,note\n30,");
        using var stream = new SyntheticStream(header, 200L << 20, (byte)'x');

        var e = Assert.Throws<CohortFormatException>(() => CohortCsvReader.Read(stream));

        Assert.Equal(2, e.Line);
        Assert.Contains("longer than 16,777,216 characters", e.Message);
        Assert.DoesNotContain("Buffer", e.Message);
    }

    [Fact]
    public void The_line_length_limit_is_an_option_and_applies_to_the_header_too()
    {
        var options = new CsvReadOptions { MaxLineCharacters = 5000 };
        var rows = string.Concat(Enumerable.Range(0, 100).Select(i => $"{i},short\n"));
        var data = Fails(Encoding.UTF8.GetBytes("age,note\n" + rows + "31," + new string('x', 20_000) + "\n"), options);
        Assert.Equal(102, data.Line);
        Assert.Contains("longer than 5,000 characters", data.Message);

        var header = Fails(Encoding.UTF8.GetBytes(string.Join(',', Enumerable.Range(0, 2000).Select(i => $"col{i}")) + "\n1\n"), options);
        Assert.Equal(1, header.Line);
        Assert.Contains("longer than 5,000 characters", header.Message);
    }

    [Fact]
    public void Random_binary_data_is_refused_as_not_text_before_parsing()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        var e = Fails(bytes);
        Assert.StartsWith("the file is not a text file", e.Message);
        Assert.Null(e.Line);
    }

    [Fact]
    public void A_zip_archive_renamed_csv_is_named_as_such_and_an_xlsx_inside_one_as_a_workbook()
    {
        Assert.Contains("zip archive, not CSV text", Fails(Zip("cohort.csv")).Message);
        Assert.Contains("holding an Excel workbook (.xlsx)", Fails(Zip("xl/workbook.xml")).Message);
    }

    private static byte[] Zip(string entry)
    {
        var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry(entry).Open())) writer.Write("age,sbp\n30,120\n");
        return memory.ToArray();
    }

    [Fact]
    public void A_windows_1252_file_is_read_as_written_with_a_notice_naming_the_line_and_encoding()
    {
        var bytes = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes("patient_id,café,note\n1,crème,ok\n2,€,ok\n");
        var notices = new List<string>();

        var table = Read(bytes, new CsvReadOptions { Notice = notices.Add });

        Assert.Equal(["patient_id", "café", "note"], table.Columns.Select(c => c.Name));
        Assert.Equal("crème", table["café"].Format(0));
        Assert.Equal("€", table["café"].Format(1));
        var notice = Assert.Single(notices);
        Assert.Contains("line 1", notice);
        Assert.Contains("0xE9", notice);
        Assert.Contains("'café'", notice);
        Assert.Contains("Windows-1252", notice);
    }

    [Fact]
    public void A_file_with_bytes_undefined_in_windows_1252_is_read_as_latin_1_never_with_replacement_characters()
    {
        var bytes = Encoding.Latin1.GetBytes("name,code\ncaf\u00e9,\u0081x\n");
        var notices = new List<string>();

        var table = Read(bytes, new CsvReadOptions { Notice = notices.Add });

        Assert.Equal("café", table["name"].Format(0));
        Assert.DoesNotContain('\uFFFD', table["code"].Format(0));
        Assert.Contains("Latin-1", Assert.Single(notices));
    }

    [Fact]
    public void An_invalid_byte_past_the_first_megabyte_is_found_on_its_line_and_utf8_cut_by_a_chunk_is_not()
    {
        // 'é' (2 bytes in UTF-8) straddles the scanner's 1 MiB chunk boundary; the Latin-1 byte sits on a later line.
        var text = new StringBuilder("v,w\n");
        while (text.Length < (1 << 20) - 100) text.Append("1,a\n");
        var head = Encoding.UTF8.GetBytes(text.ToString());
        int pad = (1 << 20) - 1 - head.Length;
        var utf8 = head.Concat(Encoding.UTF8.GetBytes(new string('z', pad) + "é,b\n2,b\n")).ToArray();
        Assert.Equal(0xC3, utf8[(1 << 20) - 1]);
        int lines = utf8.Count(b => b == '\n');
        var notices = new List<string>();

        Read(utf8, new CsvReadOptions { Notice = notices.Add, KindOverrides = new Dictionary<string, ColumnKind>() });
        Assert.Empty(notices);

        var latin = utf8.Concat(new byte[] { (byte)'3', (byte)',', 0xE9, (byte)'\n' }).ToArray();
        Read(latin, new CsvReadOptions { Notice = notices.Add });
        Assert.Contains($"line {lines + 1} ", Assert.Single(notices));
    }

    [Theory]
    [InlineData("utf-16LE", true)]
    [InlineData("utf-16BE", true)]
    [InlineData("utf-16LE", false)]
    public void UTF16_files_are_read_with_or_without_a_byte_order_mark(string encodingName, bool mark)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        var body = encoding.GetBytes("âge,sbp\n30,120\n31,125\n32,118\n");
        var bytes = mark ? encoding.GetPreamble().Concat(body).ToArray() : body;

        var table = Read(bytes);

        Assert.Equal(["âge", "sbp"], table.Columns.Select(c => c.Name));
        Assert.Equal(125, ((NumericColumn)table["sbp"])[1]);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_reading_and_the_limit_is_an_option()
    {
        var bytes = Encoding.UTF8.GetBytes("age\n" + string.Concat(Enumerable.Repeat("30\n", 1000)));
        var e = Fails(bytes, new CsvReadOptions { MaxFileBytes = 1000 });
        Assert.Contains("over the limit of 1,000 bytes for one cohort file", e.Message);
        Assert.Equal(1000, Read(bytes, new CsvReadOptions { MaxFileBytes = bytes.Length }).RowCount);
    }

    [Fact]
    public void A_2_GB_file_is_refused_at_the_default_limit_without_reading_it()
    {
        using var stream = new SyntheticStream(Encoding.UTF8.GetBytes("age\n"), 2L << 30, (byte)'\n');
        var e = Assert.Throws<CohortFormatException>(() => CohortCsvReader.Read(stream));
        Assert.Contains("the file is 2 GiB, over the limit of 1 GiB", e.Message);
        Assert.Equal(0, stream.BytesRead);
    }

    [Fact]
    public void A_non_seekable_upload_is_stopped_once_it_passes_the_limit()
    {
        var bytes = Encoding.UTF8.GetBytes("age\n" + string.Concat(Enumerable.Repeat("30\n", 1000)));
        var e = Assert.Throws<CohortFormatException>(() =>
            CohortCsvReader.Read(new ForwardOnlyStream(bytes), new CsvReadOptions { MaxFileBytes = 1000 }));
        Assert.Contains("over the limit of 1,000 bytes", e.Message);
    }

    [Fact]
    public void Formula_like_cells_are_kept_as_text_escaped_on_export_and_read_back_unchanged()
    {
        var csv = "id,note,delta\n1,=HYPERLINK(\"http://x\"),-5\n2,+A1,3\n3,@SUM(A1),-2.5\n4,-ve,1\n";
        var table = Read(Encoding.UTF8.GetBytes(csv));
        Assert.Equal("=HYPERLINK(\"http://x\")", table["note"].Format(0));
        Assert.IsType<NumericColumn>(table["delta"]);

        var exported = new MemoryStream();
        CohortCsvWriter.Write(table, exported);
        string text = Encoding.UTF8.GetString(exported.ToArray());
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\")\"", text);
        Assert.Contains("'+A1", text);
        Assert.Contains("'@SUM(A1)", text);
        Assert.Contains("'-ve", text);
        Assert.Contains(",-5\n", text); // numbers are not escaped

        var back = Read(exported.ToArray());
        Assert.Equal(Enumerable.Range(0, 4).Select(r => table["note"].Format(r)), Enumerable.Range(0, 4).Select(r => back["note"].Format(r)));
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
