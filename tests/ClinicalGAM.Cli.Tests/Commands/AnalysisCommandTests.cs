using System.Globalization;
using System.Text;
using System.Text.Json;
using ClinicalGAM.Cli.Commands;
using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Cli.Tests.Commands;

/// <summary>The `fairness` and `value` verbs end to end on a small seeded cohort (mode acts on risk only through hb).</summary>
public class AnalysisCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Cohort()
    {
        var rng = new SeededRandom(12);
        var csv = new StringBuilder("hb,mode,age,smm\n");
        for (int i = 0; i < 1200; i++)
        {
            bool vaginal = rng.NextBool(0.6);
            double hb = 11 + (vaginal ? 1.2 : 0) + 1.5 * rng.NextNormal(), age = 30 + 6 * rng.NextNormal();
            double eta = -1.5 - 0.9 * (hb - 11.5) + 0.02 * (age - 30);
            int y = rng.NextBool(1 / (1 + Math.Exp(-eta))) ? 1 : 0;
            csv.Append(string.Create(CultureInfo.InvariantCulture, $"{hb:0.0},{(vaginal ? "vaginal" : "caesarean")},{age:0},{y}\n"));
        }
        return _cli.Write("cohort.csv", csv.ToString());
    }

    [Fact]
    public void Fairness_writes_six_strategies_and_the_exponentiated_gradient_curve()
    {
        string output = _cli.PathOf("fairness.json");
        var result = CliHarness.Run(new FairnessCommand(), "--model", _cli.SaveModel(TestModels.HbAndMode()), "--data", Cohort(),
            "--sensitive", "mode", "--constraint", "eo", "--iterations", "4", "--out", output);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Modified loss (equalised odds, exponentiated gradient, 4 rounds)", result.Stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal(6, doc.RootElement.GetProperty("strategies").GetArrayLength());
        var curve = doc.RootElement.GetProperty("tradeOff").EnumerateArray().ToArray();
        Assert.Equal([0, 0.25, 0.5, 0.75, 1], curve.Select(p => p.GetProperty("strength").GetDouble()));
        Assert.All(curve, p => Assert.True(p.GetProperty("aucCost").GetProperty("upper").GetDouble() >= p.GetProperty("aucCost").GetProperty("lower").GetDouble()));
    }

    [Fact]
    public void Fairness_refuses_an_unknown_constraint()
    {
        var result = CliHarness.Run(new FairnessCommand(), "--model", _cli.SaveModel(TestModels.HbAndMode()), "--data", Cohort(),
            "--sensitive", "mode", "--constraint", "calibration");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--constraint must be dp or eo", result.Stderr);
    }

    [Fact]
    public void Value_cross_fits_the_refit_differences_over_the_folds_asked_for()
    {
        string output = _cli.PathOf("value.json");
        var result = CliHarness.Run(new ValueCommand(), "--data", Cohort(), "--outcome", "smm", "--folds", "3", "--no-search", "--out", output);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("3-fold cross-fitted on the 900 training rows", result.Stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal(3, doc.RootElement.GetProperty("crossFitFolds").GetInt32());
        Assert.Equal("hb", doc.RootElement.GetProperty("measurements")[0].GetProperty("feature").GetString());
    }
}
