using System.Globalization;
using ClinicalGAM.Cli.Commands;
using ClinicalGAM.Cli.Support;
using ClinicalGAM.TestFiles;

namespace ClinicalGAM.Cli.Tests.Data;

/// <summary>Not run beside other CLI tests: one case sets the process-wide size-limit variable.</summary>
[CollectionDefinition(nameof(SizeLimitVariable), DisableParallelization = true)]
public sealed class SizeLimitVariable;

/// <summary>
/// Every file of the reliability corpus through the command line, as a user runs it (`inspect`, or `fit` for the
/// outcome case): exit code 1 and the sentence (with its line and column) on stderr, nothing written; or the file read.
/// </summary>
[Collection(nameof(SizeLimitVariable))]
public sealed class MalformedCorpusCliTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    public static IEnumerable<object[]> Names => MalformedCorpus.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_file_gets_its_sentence_on_stderr_or_is_read(string name)
    {
        var file = MalformedCorpus.Get(name);
        string path = _cli.PathOf(file.FileName);
        File.WriteAllBytes(path, file.Bytes());
        var verb = file.CliArguments ?? ["inspect"];
        var args = new List<string> { "--data", path };
        args.AddRange(verb.Skip(1).Select(a => a.EndsWith(".json") ? _cli.PathOf(a) : a));
        if (file.Sheet is { } sheet) args.AddRange([CohortFiles.SheetOption, sheet]);
        ICliCommand command = verb[0] == "fit" ? new FitCommand() : new InspectCommand();

        Environment.SetEnvironmentVariable(CohortFiles.MaxFileVariable, file.LimitMegabytes?.ToString(CultureInfo.InvariantCulture));
        CliResult result;
        try
        {
            result = CliHarness.Run(command, [.. args]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(CohortFiles.MaxFileVariable, null);
        }

        if (file.Fails && !(file.Overrides is not null && verb[0] == "inspect"))
        {
            Assert.Equal(1, result.ExitCode);
            Assert.StartsWith("error: ", result.Stderr);
            Assert.Contains(file.Error!, result.Stderr);
            if (file.Line is { } line) Assert.Matches($@"(Line|row) {line}[,:]", result.Stderr);
            if (file.Column is { } column) Assert.Contains($"olumn '{column}'", result.Stderr);
            Assert.DoesNotContain("MaxBufferSize", result.Stderr);
            Assert.Equal([file.FileName], Directory.GetFiles(_cli.Folder).Select(Path.GetFileName)); // nothing written
            return;
        }
        Assert.Equal(0, result.ExitCode);
        if (file.Fails) return; // an override the CLI cannot express: the column is read as inferred (text)
        Assert.Contains($"{file.Rows:N0} rows x {file.Columns} columns", result.Stdout);
        if (file.Notice is { } notice) Assert.Contains("note: ", result.Stderr);
        if (file.Notice is { } n) Assert.Contains(n, result.Stderr);
    }

    [Fact]
    public void A_sheet_named_for_a_csv_is_noted_as_ignored()
    {
        string path = _cli.Write("cohort.csv", "age,smm\n30,0\n31,1\n32,0\n");
        var result = CliHarness.Run(new InspectCommand(), "--data", path, "--sheet", "Deliveries");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("note: --sheet is ignored: 'cohort.csv' is not an Excel workbook.", result.Stderr);
    }

    [Fact]
    public void Fit_reads_an_xlsx_sheet_and_a_parquet_file_like_a_csv()
    {
        var rng = new Random(5);
        var rows = Enumerable.Range(0, 200).Select(i =>
        {
            double hb = Math.Round(7 + 6 * rng.NextDouble(), 1);
            return new object?[] { hb, hb < 9 || rng.NextDouble() < 0.1 ? 1 : 0 };
        }).ToArray();
        string book = _cli.PathOf("cohort.xlsx");
        File.WriteAllBytes(book, WorkbookFile.Write(new SheetSpec("Readme", [["notes"], ["x"]]),
            new SheetSpec("Cohort", [["hb", "smm"], .. rows])));
        string parquet = _cli.PathOf("cohort.parquet");
        File.WriteAllBytes(parquet, ParquetFile.Write(64,
            new ParquetColumn(new Parquet.Schema.DataField<double>("hb"), rows.Select(r => (double)r[0]!).ToArray()),
            new ParquetColumn(new Parquet.Schema.DataField<int>("smm"), rows.Select(r => (int)r[1]!).ToArray())));

        var fromBook = CliHarness.Run(new FitCommand(), "--data", book, "--sheet", "Cohort", "--outcome", "smm", "--bags", "1",
            "--interactions", "0", "--out", _cli.PathOf("book.json"));
        var fromParquet = CliHarness.Run(new FitCommand(), "--data", parquet, "--outcome", "smm", "--bags", "1",
            "--interactions", "0", "--out", _cli.PathOf("parquet.json"));

        Assert.Equal(0, fromBook.ExitCode);
        Assert.Equal(0, fromParquet.ExitCode);
        // Same rows, same seed: the same test metrics line from either source.
        string Metrics(string stdout) => stdout.Split('\n').Single(l => l.StartsWith("Test AUC"));
        Assert.Equal(Metrics(fromBook.Stdout), Metrics(fromParquet.Stdout));
        var noSheet = CliHarness.Run(new InspectCommand(), "--data", book, "--sheet", "Patients");
        Assert.Equal(1, noSheet.ExitCode);
        Assert.Contains("the workbook has no sheet 'Patients'; its sheets are 'Readme', 'Cohort'.", noSheet.Stderr);
    }
}
