using System.Globalization;
using ClinicalGAM.Cli.Commands;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Serialization;

namespace ClinicalGAM.Cli.Tests.Commands;

public class ScoreCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private string SaveModel() => _cli.SaveModel(TestModels.HbAndMode());

    /// <summary>Reads scores back as numbers (a term with two distinct values would otherwise be inferred binary).</summary>
    private static CohortTable ReadCsv(string path) =>
        CohortCsvReader.Read(path, new CsvReadOptions
        {
            KindOverrides = CohortCsvReader.ReadColumnNames(path).Where(c => c != "patient_id").ToDictionary(c => c, _ => ColumnKind.Numeric),
        });

    [Fact]
    public void Contributions_add_up_to_the_logit_of_the_risk_in_input_order()
    {
        string model = SaveModel();
        string data = _cli.Write("new.csv", "patient_id,hb,mode,age\n101,6.5,vaginal,30\n102,NA,caesarean,40\n103,12,,22\n104,9,forceps,35\n");
        var result = CliHarness.Run(new ScoreCommand(), "--model", model, "--data", data, "--out", _cli.PathOf("s.csv"), "--contributions");

        Assert.Equal(0, result.ExitCode);
        var scores = ReadCsv(_cli.PathOf("s.csv"));
        Assert.Equal(4, scores.RowCount);
        var risk = (NumericColumn)scores["risk"];
        var parts = new[] { "intercept", "term:mode", "term:hb", "term:age" }.Select(c => (NumericColumn)scores[c]).ToArray();
        for (int r = 0; r < 4; r++)
        {
            double sum = parts.Sum(p => p[r]);
            Assert.Equal(Math.Log(risk[r] / (1 - risk[r])), sum, 9);
        }
        // Row 1: intercept -2.5, hb 6.5 -> bin 1 (0.9), vaginal (-0.2), age 30 -> bin 1 (-0.02).
        Assert.Equal(-2.5 + 0.9 - 0.2 - 0.02, parts.Sum(p => p[0]), 12);
        // Row 4: hb 9 is right of the cut at 9 (-0.1), an unseen mode gets the unseen bin (0.1), age 35 -> 0.05.
        Assert.Equal(-2.5 - 0.1 + 0.1 + 0.05, parts.Sum(p => p[3]), 12);
        Assert.Equal(["101", "102", "103", "104"], Enumerable.Range(0, 4).Select(r => scores["patient_id"].Format(r)));
    }

    [Fact]
    public void Scores_without_the_outcome_column_and_without_contributions()
    {
        string model = SaveModel();
        string data = _cli.Write("new.csv", "hb,mode,age\n6.5,vaginal,30\n");
        var result = CliHarness.Run(new ScoreCommand(), "--model", model, "--data", data, "--out", _cli.PathOf("s.csv"));
        Assert.Equal(0, result.ExitCode);
        var lines = File.ReadAllLines(_cli.PathOf("s.csv"));
        Assert.Equal("risk", lines[0]);
        double expected = 1 / (1 + Math.Exp(-(-2.5 + 0.9 - 0.2 - 0.02)));
        Assert.Equal(expected, double.Parse(lines[1], CultureInfo.InvariantCulture), 12);
    }

    [Fact]
    public void Text_in_a_numeric_feature_is_reported_with_line_and_column()
    {
        string model = SaveModel();
        string data = _cli.Write("new.csv", "hb,mode,age\n6.5,vaginal,30\n7,vaginal,3O\n");
        var result = CliHarness.Run(new ScoreCommand(), "--model", model, "--data", data, "--out", _cli.PathOf("s.csv"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Line 3, column 'age'", result.Stderr);
        Assert.False(File.Exists(_cli.PathOf("s.csv")));
    }

    [Fact]
    public void Missing_model_file_is_an_error()
    {
        var result = CliHarness.Run(new ScoreCommand(), "--model", _cli.PathOf("none.json"), "--data", "x.csv", "--out", "y.csv");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does not exist", result.Stderr);
    }

    [Fact]
    public void Data_without_a_model_feature_is_refused_naming_it_and_nothing_is_written()
    {
        string model = SaveModel();
        string data = _cli.Write("new.csv", "hb,mode\n6.5,vaginal\n");
        var result = CliHarness.Run(new ScoreCommand(), "--model", model, "--data", data, "--out", _cli.PathOf("s.csv"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'age'", result.Stderr);
        Assert.False(File.Exists(_cli.PathOf("s.csv")));
    }

    [Fact]
    public void Identifiers_that_a_spreadsheet_would_run_as_formulas_are_neutralised()
    {
        string model = SaveModel();
        var ids = string.Join("", Enumerable.Range(0, 400).Select(i => $"{(i == 1 ? "=HYPERLINK(\"x\")" : $"P{i:000}")},6.5,vaginal,30\n"));
        string data = _cli.Write("new.csv", "patient_id,hb,mode,age\n" + ids);
        var result = CliHarness.Run(new ScoreCommand(), "--model", model, "--data", data, "--out", _cli.PathOf("s.csv"));
        Assert.Equal(0, result.ExitCode);
        var lines = File.ReadAllLines(_cli.PathOf("s.csv"));
        Assert.StartsWith("\"'=HYPERLINK(", lines[2]);
    }
}
