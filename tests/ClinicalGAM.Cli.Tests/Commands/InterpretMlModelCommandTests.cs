using ClinicalGAM.Cli.Commands;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Serialization;

namespace ClinicalGAM.Cli.Tests.Commands;

public class InterpretMlModelCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string InterpretMlFile => Path.Combine(AppContext.BaseDirectory, "Data", "interpretml-smm-small.json");

    private static GamModel Load(string path)
    {
        using var file = File.OpenRead(path);
        return GamModelJson.Read(file);
    }

    [Fact]
    public void Import_model_turns_InterpretML_JSON_into_a_model_file_the_other_verbs_read()
    {
        string output = _cli.PathOf("imported.json");
        var result = CliHarness.Run(new ImportModelCommand(), "--interpretml", InterpretMlFile, "--outcome", "smm", "--out", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("4 terms (1 pairs) over 3 features, outcome 'smm'", result.Stdout);
        var model = Load(output);
        Assert.Equal("interpretml", model.Info.Engine);
        Assert.Equal("smm", model.Info.Outcome);
        Assert.Equal(["maternal_age", "hemoglobin_g_dl", "delivery_mode", "maternal_age & delivery_mode"], model.Terms.Select(t => t.Name));
        Assert.Equal(2, model.BagIntercepts!.Length);
        Assert.Equal(2400, model.Info.TrainingRows);
        // InterpretML's settings, for the report: lists compacted onto one line.
        Assert.Equal("2", model.Info.Settings["outer_bags"]);
        Assert.Equal("[[\"maternal_age\",\"delivery_mode\"]]", model.Info.Settings["interactions"]);

        // The explain verb reads it like one of our own fits.
        var explained = CliHarness.Run(new ExplainCommand(), "--model", output, "--format", "text");
        Assert.Equal(0, explained.ExitCode);
        Assert.Contains("delivery_mode", explained.Stdout);
    }

    [Fact]
    public void Export_then_import_gives_back_a_model_that_scores_every_row_the_same()
    {
        var original = TestModels.HbAndMode();
        string exported = _cli.PathOf("ebm.json"), back = _cli.PathOf("back.json");
        var export = CliHarness.Run(new ExportModelCommand(), "--model", _cli.SaveModel(original), "--format", "interpretml", "--out", exported);
        Assert.Equal(0, export.ExitCode);
        Assert.Contains("\"link\": \"logit\"", File.ReadAllText(exported));
        var import = CliHarness.Run(new ImportModelCommand(), "--interpretml", exported, "--outcome", "smm", "--out", back);
        Assert.Equal(0, import.ExitCode);

        var rng = new Random(5);
        int n = 300;
        var cohort = new CohortTable([
            new NumericColumn("hb", Enumerable.Range(0, n).Select(i => i % 29 == 0 ? double.NaN : 4 + 12 * rng.NextDouble()).ToArray()),
            new CategoricalColumn("mode", Enumerable.Range(0, n).Select(i => i % 4 - 1).ToArray(), ["caesarean", "vaginal", "forceps"]),
            new NumericColumn("age", Enumerable.Range(0, n).Select(_ => 15 + 34 * rng.NextDouble()).ToArray())]);
        Assert.Equal(original.LinearPredictor(cohort), Load(back).LinearPredictor(cohort));
    }

    [Fact]
    public void Export_model_knows_one_format_and_says_so()
    {
        var result = CliHarness.Run(new ExportModelCommand(), "--model", _cli.SaveModel(TestModels.HbAndMode()), "--format", "onnx", "--out", _cli.PathOf("x.onnx"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown --format 'onnx'", result.Stderr);
        Assert.False(File.Exists(_cli.PathOf("x.onnx")));
    }

    [Fact]
    public void A_regression_file_is_refused_and_nothing_is_written()
    {
        string regression = _cli.Write("regression.json", File.ReadAllText(InterpretMlFile)
            .Replace("\"task\": \"classification\"", "\"task\": \"regression\"").Replace("\"link\": \"logit\"", "\"link\": \"identity\""));
        string output = _cli.PathOf("out.json");
        var result = CliHarness.Run(new ImportModelCommand(), "--interpretml", regression, "--out", output);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("regression model (link 'identity')", result.Stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_model_of_a_continuous_outcome_is_not_exported()
    {
        var rmse = TestModels.HbAndMode();
        rmse = new GamModel(rmse.Info with { Objective = Objective.Rmse }, rmse.Intercept, rmse.Terms);
        string output = _cli.PathOf("out.json");
        var result = CliHarness.Run(new ExportModelCommand(), "--model", _cli.SaveModel(rmse), "--format", "interpretml", "--out", output);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("objective is Rmse", result.Stderr);
        Assert.False(File.Exists(output));
    }
}
