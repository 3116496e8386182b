using System.Globalization;
using ClinicalGAM.Cli.Commands;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Data.Derived;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Serialization;

namespace ClinicalGAM.Cli.Tests.Commands;

/// <summary>--derive "name=formula" on the verbs, and models that recompute their derived features on new data.</summary>
public class DeriveOptionTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private string SyntheticCohort(int rows)
    {
        string path = _cli.PathOf("cohort.csv");
        Assert.Equal(0, CliHarness.Run(new SynthCommand(), "--rows", rows.ToString(), "--seed", "11", "--out", path).ExitCode);
        return path;
    }

    private string WriteModel(GamModel model)
    {
        string path = _cli.PathOf("model.json");
        using var file = File.Create(path);
        GamModelJson.Write(model, file);
        return path;
    }

    private static GamModel ReadModel(string path)
    {
        using var file = File.OpenRead(path);
        return GamModelJson.Read(file);
    }

    [Fact]
    public void A_fitted_model_remembers_its_derived_feature_and_score_recomputes_it()
    {
        string data = SyntheticCohort(600);
        string modelPath = _cli.PathOf("m.json");
        var fit = CliHarness.Run(new FitCommand(), "--data", data, "--outcome", "smm", "--bags", "2", "--interactions", "0",
            "--derive", "weight_per_cm = baby_weight_g / maternal_height_cm", "--derive", "unused=bmi * 2",
            "--features", "weight_per_cm,gestational_age_wk", "--out", modelPath);
        Assert.True(fit.ExitCode == 0, fit.Stderr);

        var model = ReadModel(modelPath);
        Assert.Equal([new DerivedFeature("weight_per_cm", "baby_weight_g / maternal_height_cm")], model.Info.DerivedFeatures);
        Assert.NotNull(model.Term("weight_per_cm"));

        // The data file has no weight_per_cm column: score must compute it, exactly as a manual division would.
        var score = CliHarness.Run(new ScoreCommand(), "--model", modelPath, "--data", data, "--out", _cli.PathOf("s.csv"));
        Assert.True(score.ExitCode == 0, score.Stderr);
        Assert.DoesNotContain("scored as missing", score.Stderr);

        var cohort = CohortCsvReader.Read(data);
        var weight = ((NumericColumn)cohort["baby_weight_g"]).Values;
        var height = ((NumericColumn)cohort["maternal_height_cm"]).Values;
        var ratio = new double[cohort.RowCount];
        for (int i = 0; i < ratio.Length; i++) ratio[i] = weight[i] / height[i];
        var expected = model.Predict(cohort.With(new NumericColumn("weight_per_cm", ratio)));
        var lines = File.ReadAllLines(_cli.PathOf("s.csv"));
        int riskColumn = Array.IndexOf(lines[0].Split(','), "risk");
        for (int r = 0; r < expected.Length; r++)
            Assert.Equal(expected[r], double.Parse(lines[r + 1].Split(',')[riskColumn], CultureInfo.InvariantCulture), 12);

        var report = CliHarness.Run(new ReportCommand(), "--model", modelPath, "--data", data, "--out", _cli.PathOf("r.html"), "--no-flags");
        Assert.True(report.ExitCode == 0, report.Stderr);
        Assert.Contains("weight_per_cm", File.ReadAllText(_cli.PathOf("r.html")));
    }

    [Fact]
    public void A_typo_in_a_formula_is_reported_with_a_suggestion_and_no_model_is_written()
    {
        string data = SyntheticCohort(200);
        var fit = CliHarness.Run(new FitCommand(), "--data", data, "--outcome", "smm",
            "--derive", "r=baby_weight_g / maternal_hieght_cm", "--out", _cli.PathOf("m.json"));
        Assert.Equal(1, fit.ExitCode);
        Assert.Contains("Derived feature 'r': Unknown column 'maternal_hieght_cm'. Did you mean 'maternal_height_cm'?", fit.Stderr);
        Assert.False(File.Exists(_cli.PathOf("m.json")));
    }

    [Theory]
    [InlineData("baby_weight_g / maternal_height_cm")]
    [InlineData("=1")]
    public void A_derive_without_a_name_is_a_usage_error(string definition)
    {
        var fit = CliHarness.Run(new FitCommand(), "--data", "x.csv", "--outcome", "smm", "--derive", definition, "--out", "m.json");
        Assert.Equal(2, fit.ExitCode);
        Assert.Contains("--derive: A derived feature is written name=formula", fit.Stderr);
    }

    [Fact]
    public void Score_notes_rows_a_formula_leaves_missing_and_scores_them_in_the_missing_bin()
    {
        var model = TestModels.HbAndMode();
        model = new GamModel(model.Info with { DerivedFeatures = [new("hb", "hb_total / volume_dl")] }, model.Intercept, model.Terms);
        string modelPath = WriteModel(model);
        string data = _cli.Write("new.csv", "hb_total,volume_dl,mode,age\n120,10,vaginal,30\n95,0,caesarean,41\n");
        var score = CliHarness.Run(new ScoreCommand(), "--model", modelPath, "--data", data, "--out", _cli.PathOf("s.csv"), "--contributions");
        Assert.True(score.ExitCode == 0, score.Stderr);
        Assert.Contains("derived feature 'hb': division by zero in 1 row: volume_dl = 0", score.Stderr);
        var rows = File.ReadAllLines(_cli.PathOf("s.csv"));
        var header = rows[0].Split(',');
        int hb = Array.IndexOf(header, "term:hb");
        Assert.Equal(-0.3, double.Parse(rows[1].Split(',')[hb], CultureInfo.InvariantCulture)); // 12 g/dl: last bin, >= 11
        Assert.Equal(0.3, double.Parse(rows[2].Split(',')[hb], CultureInfo.InvariantCulture));  // missing bin
    }

    [Fact]
    public void Score_refuses_to_redefine_a_model_derived_feature_but_accepts_the_same_definition()
    {
        var model = TestModels.HbAndMode();
        model = new GamModel(model.Info with { DerivedFeatures = [new("hb", "hb_g_l / 10")] }, model.Intercept, model.Terms);
        string modelPath = WriteModel(model);
        string data = _cli.Write("new.csv", "hb_g_l,mode,age\n120,vaginal,30\n");
        var clash = CliHarness.Run(new ScoreCommand(), "--model", modelPath, "--data", data, "--out", _cli.PathOf("s.csv"),
            "--derive", "hb=hb_g_l / 100");
        Assert.Equal(2, clash.ExitCode);
        Assert.Contains("The model defines 'hb' as 'hb_g_l / 10'", clash.Stderr);
        var same = CliHarness.Run(new ScoreCommand(), "--model", modelPath, "--data", data, "--out", _cli.PathOf("s.csv"),
            "--derive", "hb=hb_g_l / 10", "--derive", "extra=age * 2");
        Assert.True(same.ExitCode == 0, same.Stderr);
    }

    [Fact]
    public void Score_flags_and_report_name_an_input_column_the_new_data_lack()
    {
        var model = TestModels.HbAndMode();
        model = new GamModel(model.Info with { DerivedFeatures = [new("hb", "hb_g_l / 10")] }, model.Intercept, model.Terms);
        string modelPath = WriteModel(model);
        string data = _cli.Write("new.csv", "hb_gl,mode,age,smm\n120,vaginal,30,0\n");
        var score = CliHarness.Run(new ScoreCommand(), "--model", modelPath, "--data", data, "--out", _cli.PathOf("s.csv"));
        Assert.Equal(1, score.ExitCode);
        Assert.Contains("Derived feature 'hb': Unknown column 'hb_g_l'. Did you mean 'hb_gl'?", score.Stderr);
        var flags = CliHarness.Run(new FlagsCommand(), "--model", modelPath, "--data", data);
        Assert.Equal(1, flags.ExitCode);
        Assert.Contains("Unknown column 'hb_g_l'", flags.Stderr);
        var report = CliHarness.Run(new ReportCommand(), "--model", modelPath, "--data", data, "--out", _cli.PathOf("r.html"));
        Assert.Equal(1, report.ExitCode);
        Assert.Contains("Unknown column 'hb_g_l'", report.Stderr);
        Assert.False(File.Exists(_cli.PathOf("r.html")));
    }
}

public class InspectDeriveTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Inspect_profiles_a_derived_column_and_notes_division_by_zero()
    {
        string data = _cli.Write("c.csv", "weight_g,height_cm\n3000,150\n3300,0\n3600,180\n,170\n");
        var result = CliHarness.Run(new InspectCommand(), "--data", data, "--derive", "ratio=weight_g / height_cm");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var line = Assert.Single(result.Stdout.Split('\n'), l => l.StartsWith("ratio "));
        Assert.Contains("50.0 %", line);   // two of four rows missing
        Assert.Contains("20 .. 20", line); // 3000/150 and 3600/180
        Assert.Contains("derived feature 'ratio': division by zero in 1 row: height_cm = 0", result.Stderr);
        Assert.Contains("derived feature 'ratio': missing input in 1 row: weight_g is missing", result.Stderr);
    }
}
