using System.IO.Compression;
using System.Text;
using ClinicalGAM.Core.Data;
using Parquet.Schema;

namespace ClinicalGAM.TestFiles;

/// <summary>
/// One bad or unusual cohort file of the reliability corpus (issue 15): generated here, never committed as a binary.
/// Either <see cref="Error"/> (a sentence the user must see; <see cref="Line"/>/<see cref="Column"/> where it applies)
/// or the shape it must be read as (<see cref="Rows"/> x <see cref="Columns"/>, plus <see cref="Check"/>).
/// </summary>
internal sealed record CorpusFile(string Name, string FileName, Func<byte[]> Bytes)
{
    public string? Error { get; init; }
    public long? Line { get; init; }
    public string? Column { get; init; }
    public int Rows { get; init; }
    public int Columns { get; init; }
    public string? Sheet { get; init; }
    /// <summary>A size limit in MiB for this case (the file is made larger than it).</summary>
    public int? LimitMegabytes { get; init; }
    /// <summary>Type overrides a user chose (web upload, Core); the CLI has none and runs <see cref="CliArguments"/> instead.</summary>
    public IReadOnlyDictionary<string, ColumnKind>? Overrides { get; init; }
    /// <summary>The CLI verb and its extra arguments for this case; "inspect" when null.</summary>
    public string[]? CliArguments { get; init; }
    public string? Notice { get; init; }
    public Action<CohortTable>? Check { get; init; }

    public bool Fails => Error is not null;

    public CsvReadOptions Options(Action<string>? notice = null) => new()
    {
        Sheet = Sheet, KindOverrides = Overrides ?? new Dictionary<string, ColumnKind>(),
        MaxFileBytes = LimitMegabytes is { } mb ? (long)mb << 20 : CsvReadOptions.DefaultMaxFileBytes, Notice = notice,
    };

    public override string ToString() => Name;
}

/// <summary>The corpus itself: every case by name, for theories in the Core, CLI and web test projects.</summary>
internal static class MalformedCorpus
{
    public static IEnumerable<object[]> Names => All.Select(c => new object[] { c.Name });

    public static CorpusFile Get(string name) => All.Single(c => c.Name == name);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static readonly IReadOnlyList<CorpusFile> All =
    [
        // ---- refused, each with its sentence ----
        new("empty", "empty.csv", () => []) { Error = "the file is empty", Line = 1 },
        new("whitespace only", "blank.csv", () => Utf8("  \n\n \n")) { Error = "the file is empty", Line = 1 },
        new("header only", "header.csv", () => Utf8("age,sbp,smm\n")) { Error = "the file has a header but no data rows", Line = 2 },
        new("no header", "numbers.csv", () => Utf8("1,2,3\n4,5,6\n")) { Error = "there is no header", Line = 1 },
        new("blank header name", "blank-name.csv", () => Utf8("age,,smm\n30,1,0\n")) { Error = "column 2 of the header has no name", Line = 1, Column = "#2" },
        new("duplicate header", "twice.csv", () => Utf8("age,sbp,age\n30,120,31\n")) { Error = "names this column twice (columns 1 and 3)", Line = 1, Column = "age" },
        new("ragged short row", "short.csv", () => Utf8("age,sbp,hb\n30,120,11\n31,125\n")) { Error = "expected 3 fields as in the header but found 2", Line = 3, Column = "hb" },
        new("ragged long row", "long.csv", () => Utf8("age,sbp\n30,120\n31,125\n32,130,7\n")) { Error = "expected 2 fields as in the header but found 3", Line = 4, Column = "sbp" },
        new("unterminated quote", "quote.csv", () => Utf8("age,note\n30,fine\n31,\"never closed\n")) { Error = "the file's quoting is broken", Line = 3, Column = "note" },
        new("text after closing quote", "after-quote.csv", () => Utf8("age,note\n30,\"a\"b\n")) { Error = "quoting is broken", Line = 2, Column = "note" },
        new("outcome with three values", "three.csv", () => Utf8("age,smm\n30,yes\n31,no\n32,maybe\n33,no\n"))
        {
            Error = "third value 'maybe'", Line = 4, Column = "smm",
            Overrides = new Dictionary<string, ColumnKind> { ["smm"] = ColumnKind.Binary },
            CliArguments = ["fit", "--outcome", "smm", "--out", "model.json"],
        },
        new("random binary data", "random.csv", () => { var b = new byte[8192]; new Random(11).NextBytes(b); return b; }) { Error = "the file is not a text file: it holds binary data" },
        new("control bytes in text", "controls.csv", () => Utf8("age,sbp\n30,1\u0001\u0002\n")) { Error = "the file is not a text file" },
        new("zip renamed csv", "archive.csv", () => Zip("cohort.csv")) { Error = "the file is a zip archive, not CSV text" },
        new("xlsx renamed csv", "book.csv", () => WorkbookFile.Write(new SheetSpec("S", [["age"], [30]]))) { Error = "a zip archive holding an Excel workbook (.xlsx)" },
        new("gzip renamed csv", "packed.csv", Gzip) { Error = "the file is gzip-compressed" },
        new("parquet renamed csv", "extract.csv", () => ParquetFile.Write(10, new ParquetColumn(new DataField<int>("age"), new[] { 30, 31 })))
        {
            Error = "the file is a Parquet file, not CSV text: name it .parquet to read it",
        },
        new("pdf renamed csv", "paper.csv", () => Utf8("%PDF-1.7\n1 0 obj\n")) { Error = "the file is a PDF document" },
        new("single 20 MB line", "one-line.csv", () => Utf8("age,note\n30," + new string('x', 20 << 20) + "\n"))
        {
            Error = "the line is longer than 16,777,216 characters, the most one line may hold", Line = 2,
        },
        new("over the size limit", "big.csv", () => Utf8("age\n" + string.Concat(Enumerable.Repeat("30\n", 700_000)))) { Error = "limit of 1 MiB", LimitMegabytes = 1 },
        new("UTF-8 mark then Latin-1 bytes", "mixed.csv", () => [0xEF, 0xBB, 0xBF, .. Utf8("name,age\ncaf"), 0xE9, .. Utf8(",30\n")])
        {
            Error = "starts with a UTF-8 mark but holds bytes that are not UTF-8", Line = 2,
        },
        new("password-protected workbook", "locked.xlsx", EncryptedWorkbook.Write) { Error = "the workbook is password-protected (encrypted)" },
        new("empty sheet", "empty-sheet.xlsx", TwoSheets) { Sheet = "Empty", Error = "sheet 'Empty' is empty" },
        new("missing sheet", "no-sheet.xlsx", TwoSheets) { Sheet = "Cohort", Error = "the workbook has no sheet 'Cohort'; its sheets are 'Data', 'Empty'" },
        new("sheet with a header only", "header-sheet.xlsx", () => WorkbookFile.Write(new SheetSpec("Data", [["age", "smm"], [WorkbookFile.Blank]])))
        {
            Error = "the file has a header but no data rows", Line = 2,
        },
        new("csv renamed xlsx", "text.xlsx", () => Utf8("age,smm\n30,0\n")) { Error = "the file is named as an Excel workbook but is not one" },
        new("nested parquet column", "nested.parquet", NestedParquet) { Error = "the column is nested (a struct)", Column = "address" },
        new("csv renamed parquet", "text.parquet", () => Utf8("age,smm\n30,0\n")) { Error = "the file is named as a Parquet file but is not one" },
        new("value not a number in an overridden column", "override.csv", () => Utf8("age,sbp\n30,120\n31,12O\n"))
        {
            Error = "'12O' is not a number", Line = 3, Column = "sbp",
            Overrides = new Dictionary<string, ColumnKind> { ["sbp"] = ColumnKind.Numeric },
            CliArguments = ["inspect"], // the CLI has no overrides: it reads the column as text
        },

        // ---- read correctly ----
        new("UTF-8 byte order mark", "bom.csv", () => [0xEF, 0xBB, 0xBF, .. Utf8("age,smm\n30,0\n31,1\n32,0\n")])
        {
            Rows = 3, Columns = 2, Check = t => Assert.Equal("age", t.Columns[0].Name),
        },
        new("UTF-16 LE with mark", "utf16le.csv", () => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("âge,smm\n30,0\n31,1\n32,0\n")])
        {
            Rows = 3, Columns = 2, Check = t => Assert.Equal("âge", t.Columns[0].Name),
        },
        new("UTF-16 BE with mark", "utf16be.csv", () => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes("âge,smm\n30,0\n31,1\n32,0\n")])
        {
            Rows = 3, Columns = 2, Check = t => Assert.Equal("âge", t.Columns[0].Name),
        },
        new("Latin-1 accents", "latin1.csv", () => CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes("patient_id,café,smm\n1,crème,0\n2,brûlée,1\n3,crème,0\n"))
        {
            Rows = 3, Columns = 3, Notice = "read as Windows-1252",
            Check = t => { Assert.Equal("café", t.Columns[1].Name); Assert.Equal("brûlée", t["café"].Format(1)); },
        },
        new("quoted newlines", "multiline.csv", () => Utf8("id,note,smm\n1,\"two\nlines\",0\n2,\"a, b\",1\n3,plain,0\n"))
        {
            Rows = 3, Columns = 3, Check = t => Assert.Equal("two\nlines", t["note"].Format(0)),
        },
        new("formula injection cells", "formulas.csv", () => Utf8("id,note,smm\n1,=1+2,0\n2,@SUM(A1),1\n3,+cmd|' /C calc'!A0,0\n4,-ve,1\n"))
        {
            Rows = 4, Columns = 3,
            Check = t => Assert.Equal(["=1+2", "@SUM(A1)", "+cmd|' /C calc'!A0", "-ve"], Enumerable.Range(0, 4).Select(t["note"].Format)),
        },
        new("10,000 columns", "wide.csv", Wide) { Rows = 20, Columns = 10_000 },
        new("DOS end-of-file mark", "dos.csv", () => Utf8("age,smm\r\n30,0\r\n31,1\r\n32,0\r\n\u001A")) { Rows = 3, Columns = 2 },
        new("a column named like a file signature", "genes.csv", () => Utf8("PAR1,PK,smm\n0.5,1,0\n0.7,2,1\n0.1,3,0\n")) { Rows = 3, Columns = 3 },
        new("semicolons and decimal commas", "semicolon.csv", () => Utf8("hb;smm\n11,5;0\n9,25;1\n12;0\n"))
        {
            Rows = 3, Columns = 2, Check = t => Assert.Equal(9.25, ((NumericColumn)t["hb"])[1]),
        },
        new("workbook second sheet", "cohort.xlsx", TwoSheets) { Sheet = "Data", Rows = 3, Columns = 3 },
        new("parquet cohort", "cohort.parquet", () => ParquetFile.Write(2,
            new ParquetColumn(new DataField<int>("age"), new[] { 30, 31, 32, 33, 34 }),
            new ParquetColumn(new DataField<double?>("hb"), new double?[] { 11.5, null, 9.25, 12, 10 }),
            new ParquetColumn(new DataField<bool>("smm"), new[] { false, true, false, false, true })))
        {
            Rows = 5, Columns = 3, Check = t => Assert.True(double.IsNaN(((NumericColumn)t["hb"])[1])),
        },
    ];

    private static byte[] Zip(string entry)
    {
        var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry(entry).Open())) writer.Write("age,sbp\n30,120\n");
        return memory.ToArray();
    }

    private static byte[] Gzip()
    {
        var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(Utf8("age,sbp\n30,120\n"));
        return memory.ToArray();
    }

    private static byte[] TwoSheets() => WorkbookFile.Write(
        new SheetSpec("Data", [["age", "delivered", "smm"], [30, new DateTime(2020, 1, 2), 0], [31, new DateTime(2020, 5, 6), 1], [32, new DateTime(2021, 3, 4), 0]]),
        new SheetSpec("Empty", []));

    private static byte[] NestedParquet()
    {
        var age = new DataField<int>("age");
        var city = new DataField<string>("city");
        return ParquetFile.Write(new ParquetSchema(age, new StructField("address", city)), 10,
            new ParquetColumn(age, new[] { 30, 31 }), new ParquetColumn(city, new[] { "Leeds", "York" }));
    }

    private static byte[] Wide()
    {
        var text = new StringBuilder();
        text.AppendJoin(',', Enumerable.Range(0, 10_000).Select(c => $"marker_{c}")).Append('\n');
        for (int r = 0; r < 20; r++) text.AppendJoin(',', Enumerable.Range(0, 10_000).Select(c => (r + c) % 7)).Append('\n');
        return Utf8(text.ToString());
    }
}
