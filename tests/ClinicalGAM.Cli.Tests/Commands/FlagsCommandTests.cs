using System.Globalization;
using System.Text;
using System.Text.Json;
using ClinicalGAM.Cli.Commands;
using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Cli.Tests.Commands;

public class FlagsCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>
    /// A cohort where risk rises with lactate but treatment given from 4 mmol/L onwards pulls it down by 1.5 log-odds
    /// (the Goodhart pattern), and creatinine has a smooth effect with no jump anywhere.
    /// </summary>
    private string PlantedCohort(int rows, int seed)
    {
        var rng = new SeededRandom(seed);
        var csv = new StringBuilder("outcome,lactate,creatinine\n");
        for (int i = 0; i < rows; i++)
        {
            double lactate = Math.Round(0.5 + 7.5 * rng.NextDouble(), 1);
            double creatinine = Math.Round(0.4 + 2.6 * rng.NextDouble(), 2);
            double logit = -2.2 + 0.45 * lactate - (lactate >= 4.0 ? 1.5 : 0) + 0.6 * (creatinine - 1.5);
            int y = rng.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1 : 0;
            csv.Append(CultureInfo.InvariantCulture, $"{y},{lactate},{creatinine}\n");
        }
        return _cli.Write("cohort.csv", csv.ToString());
    }

    private string Fit(string data)
    {
        string model = _cli.PathOf("model.json");
        var fit = CliHarness.Run(new FitCommand(), "--data", data, "--outcome", "outcome", "--bags", "6",
            "--interactions", "0", "--seed", "3", "--out", model);
        Assert.True(fit.ExitCode == 0, fit.Stderr);
        return model;
    }

    [Fact]
    public void Json_flags_the_planted_treatment_threshold_and_not_the_smooth_control()
    {
        string data = PlantedCohort(12_000, seed: 11);
        var result = CliHarness.Run(new FlagsCommand(), "--model", Fit(data), "--data", data, "--format", "json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("notTestable").ValueKind);
        var flags = json.RootElement.GetProperty("flags").EnumerateArray().ToList();
        foreach (var flag in flags)
            foreach (var field in new[] { "feature", "kind", "at", "effect", "message" })
                Assert.True(flag.TryGetProperty(field, out _), $"flag lacks '{field}': {flag}");

        var lactate = Assert.Single(flags, f => f.GetProperty("feature").GetString() == "lactate");
        Assert.Equal("threshold", lactate.GetProperty("kind").GetString());
        Assert.Equal(4.0, lactate.GetProperty("at").GetDouble(), 1);
        Assert.True(lactate.GetProperty("effect").GetDouble() < 0, "the jump goes against the rising trend");
        Assert.DoesNotContain(flags, f => f.GetProperty("feature").GetString() == "creatinine");
    }

    [Fact]
    public void Text_flags_of_an_rmse_model_speak_in_outcome_units()
    {
        // A continuous outcome (e.g. length of stay) rising with lactate, 2 units lower once treated from 4 on.
        var rng = new SeededRandom(7);
        var csv = new StringBuilder("outcome,lactate,creatinine\n");
        for (int i = 0; i < 6_000; i++)
        {
            double lactate = Math.Round(0.5 + 7.5 * rng.NextDouble(), 1);
            double creatinine = Math.Round(0.4 + 2.6 * rng.NextDouble(), 2);
            double noise = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            double y = 3 + 0.8 * lactate - (lactate >= 4.0 ? 2 : 0) + 0.5 * creatinine + noise;
            csv.Append(CultureInfo.InvariantCulture, $"{y:0.###},{lactate},{creatinine}\n");
        }
        string data = _cli.Write("stay.csv", csv.ToString());
        string model = _cli.PathOf("rmse.json");
        var fit = CliHarness.Run(new FitCommand(), "--data", data, "--outcome", "outcome", "--objective", "rmse", "--bags", "6",
            "--interactions", "0", "--seed", "3", "--out", model);
        Assert.True(fit.ExitCode == 0, fit.Stderr);

        var result = CliHarness.Run(new FlagsCommand(), "--model", model, "--data", data, "--format", "text");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var header = Assert.Single(result.Stdout.Split('\n'), l => l.StartsWith("[threshold] lactate at 4:"));
        Assert.Contains("outcome units", header);
        Assert.DoesNotContain("log-odds", result.Stdout);
        Assert.DoesNotContain("creatinine", result.Stdout);
    }

    [Fact]
    public void Data_without_a_model_feature_is_an_error_naming_it()
    {
        string data = PlantedCohort(3_000, seed: 5);
        string model = Fit(data);
        string other = _cli.Write("other.csv", "outcome,lactate\n1,3.2\n0,5.1\n");
        var result = CliHarness.Run(new FlagsCommand(), "--model", model, "--data", other);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("creatinine", result.Stderr);
    }
}
