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
