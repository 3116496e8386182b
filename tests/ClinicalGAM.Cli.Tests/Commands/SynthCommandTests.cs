using ClinicalGAM.Cli.Commands;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Synthetic;

namespace ClinicalGAM.Cli.Tests.Commands;

public class SynthCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Writes_the_generator_cohort_as_csv()
    {
        string path = _cli.PathOf("out/cohort.csv");
        var result = CliHarness.Run(new SynthCommand(), "--rows", "500", "--seed", "12", "--out", path);
        Assert.Equal(0, result.ExitCode);
        var read = CohortCsvReader.Read(path);
        var generated = SmmCohortGenerator.Generate(500, 12);
        Assert.Equal(500, read.RowCount);
        Assert.Equal(generated.Columns.Select(c => c.Name), read.Columns.Select(c => c.Name));
        Assert.Equal(((NumericColumn)generated["systolic_bp"]).Values.ToArray(), ((NumericColumn)read["systolic_bp"]).Values.ToArray());
        Assert.Contains("500 deliveries", result.Stdout);
    }

    [Fact]
    public void Zero_rows_is_a_usage_error()
    {
        var result = CliHarness.Run(new SynthCommand(), "--rows", "0", "--out", _cli.PathOf("c.csv"));
        Assert.Equal(2, result.ExitCode);
    }
}

public class InspectCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Prints_inferred_types_and_missingness()
    {
        string data = _cli.Write("c.csv", "patient_id;hb;mode\n1;7.5;a\n2;NA;b\n3;9;a\n4;11;a\n");
        var result = CliHarness.Run(new InspectCommand(), "--data", data);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("4 rows x 3 columns", result.Stdout);
        Assert.Matches(@"patient_id\s+Identifier", result.Stdout);
        Assert.Matches(@"hb\s+Numeric\s+25[.,]0\s?%", result.Stdout);
        Assert.Matches(@"mode\s+Binary", result.Stdout);
    }

    [Fact]
    public void Malformed_file_names_line_and_column()
    {
        string data = _cli.Write("c.csv", "a,b\n1,2\n3,4,5\n");
        var result = CliHarness.Run(new InspectCommand(), "--data", data);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Line 3", result.Stderr);
    }
}
