using ClinicalGAM.Cli.Commands;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Serialization;
using ClinicalGAM.Core.Synthetic;

namespace ClinicalGAM.Cli.Tests.Commands;

public class FitCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private string SyntheticCohort(int rows)
    {
        string path = _cli.PathOf("cohort.csv");
        Assert.Equal(0, CliHarness.Run(new SynthCommand(), "--rows", rows.ToString(), "--seed", "5", "--out", path).ExitCode);
        return path;
    }

    [Fact]
    public void Rejects_a_non_binary_outcome_naming_line_and_column()
    {
        string data = _cli.Write("bad.csv", "age,smm\n30,0\n31,1\n32,0\n33,2\n34,1\n");
        var result = CliHarness.Run(new FitCommand(), "--data", data, "--outcome", "smm", "--engine", "mlnet-gam", "--out", _cli.PathOf("m.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Line 5, column 'smm'", result.Stderr);
        Assert.False(File.Exists(_cli.PathOf("m.json")));
    }

    [Fact]
    public void Reports_a_ragged_row_with_its_line()
    {
        string data = _cli.Write("bad.csv", "age,smm\n30,0\n31\n");
        var result = CliHarness.Run(new FitCommand(), "--data", data, "--outcome", "smm", "--out", _cli.PathOf("m.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Line 3", result.Stderr);
        Assert.Contains("expected 2 fields", result.Stderr);
    }

    [Theory]
    [InlineData("--outcome", "smm", "--out", "m.json")]
    [InlineData("--data", "x.csv", "--outcome", "smm", "--out", "m.json", "--colour", "red")]
    [InlineData("--data", "x.csv", "--outcome", "smm", "--out", "m.json", "--engine", "xgboost")]
    [InlineData("--data", "x.csv", "--outcome", "smm", "--out", "m.json", "--seed", "abc")]
    [InlineData("--data", "x.csv", "--outcome", "smm", "--out", "m.json", "--monotone", "sbp:2")]
    [InlineData("--data", "x.csv", "--outcome", "smm", "--out", "m.json", "--cv-folds", "1")]
    public void Bad_command_lines_are_usage_errors(params string[] args)
    {
        var result = CliHarness.Run(new FitCommand(), args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage: clinicalgam fit", result.Stderr);
    }

    [Fact]
    public void Features_and_exclude_together_are_refused()
    {
        string data = SyntheticCohort(200);
        var result = CliHarness.Run(new FitCommand(), "--data", data, "--outcome", "smm", "--features", "bmi", "--exclude", "parity", "--out", _cli.PathOf("m.json"));
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void Unknown_feature_is_named()
    {
        string data = SyntheticCohort(200);
        var result = CliHarness.Run(new FitCommand(), "--data", data, "--outcome", "smm", "--features", "bmi,weight_kg", "--out", _cli.PathOf("m.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("weight_kg", result.Stderr);
    }

    [Fact]
    public void Fits_a_gam_on_training_rows_reports_test_metrics_and_writes_a_loadable_model()
    {
        string data = SyntheticCohort(1500);
        string output = _cli.PathOf("m.json");
        var result = CliHarness.Run(new FitCommand(), "--data", data, "--outcome", "smm", "--engine", "mlnet-gam",
            // Complete, informative columns only: ML.NET drops features without a split on small data.
            "--exclude", "transfused,delivery_year,insurance,race_ethnicity,zip_income_quintile,ferritin,glucose_mg_dl,creatinine,bmi,parity," +
            "placenta_previa,prior_cesarean,platelets,maternal_height_cm,baby_height_ratio,hemoglobin_g_dl,systolic_bp,delivery_mode",
            "--seed", "3", "--test-fraction", "0.25", "--out", output);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Matches(@"Test AUC 0\.\d{4}", result.Stdout);
        using var file = File.OpenRead(output);
        var model = GamModelJson.Read(file);
        Assert.DoesNotContain("patient_id", model.Info.Features);
        Assert.DoesNotContain("transfused", model.Info.Features);
        Assert.Equal(["maternal_age", "preeclampsia", "gestational_age_wk", "baby_weight_g"], model.Info.Features);
        Assert.Equal(3, model.Info.Seed);
        var labels = OutcomeValidator.RequireBinary(CohortCsvReader.Read(data), "smm");
        Assert.Equal(CohortSplit.Stratified(labels, 0.25, 3).Train.Length, model.Info.TrainingRows);
    }

    [Fact]
    public void A_test_set_with_few_events_gets_a_warning_about_its_auc()
    {
        var rows = new System.Text.StringBuilder("age,hb,y\n");
        for (int i = 0; i < 40; i++) rows.Append($"{20 + i},{7 + (i % 9) * 0.5},{(i % 4 == 0 ? 1 : 0)}\n");
        string data = _cli.Write("tiny.csv", rows.ToString());
        var result = CliHarness.Run(new FitCommand(), "--data", data, "--outcome", "y", "--bags", "2", "--out", _cli.PathOf("t.json"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Matches(@"n = 8, events = 2", result.Stdout);
        Assert.Contains("holds 2 events and 6 non-events", result.Stderr);

        var larger = CliHarness.Run(new FitCommand(), "--data", SyntheticCohort(1500), "--outcome", "smm", "--engine", "mlnet-gam",
            "--features", "maternal_age,preeclampsia", "--test-fraction", "0.5", "--out", _cli.PathOf("l.json"));
        Assert.True(larger.ExitCode == 0, larger.Stderr);
        Assert.DoesNotContain("Warning", larger.Stderr);
    }

    [Fact]
    public void Default_engine_is_the_ebm_and_its_model_scores_and_explains()
    {
        string data = SyntheticCohort(1000);
        string model = _cli.PathOf("ebm.json");
        var fit = CliHarness.Run(new FitCommand(), "--data", data, "--outcome", "smm", "--bags", "2", "--interactions", "1",
            "--features", "baby_height_ratio,gestational_age_wk,systolic_bp,delivery_mode", "--out", model);
        Assert.True(fit.ExitCode == 0, fit.Stderr);
        using (var file = File.OpenRead(model))
        {
            var gam = GamModelJson.Read(file);
            Assert.Equal("ebm", gam.Info.Engine);
            Assert.Equal(5, gam.Terms.Count); // four shapes and the one pair asked for
        }
        var score = CliHarness.Run(new ScoreCommand(), "--model", model, "--data", data, "--out", _cli.PathOf("s.csv"));
        Assert.Equal(0, score.ExitCode);
        Assert.Equal(1001, File.ReadAllLines(_cli.PathOf("s.csv")).Length);
        var explain = CliHarness.Run(new ExplainCommand(), "--model", model);
        Assert.Equal(0, explain.ExitCode);
        Assert.Contains("\"features\": [", explain.Stdout);
    }

    [Fact]
    public void Black_box_reference_reports_metrics_and_writes_no_model()
    {
        string data = SyntheticCohort(800);
        var result = CliHarness.Run(new FitCommand(), "--data", data, "--outcome", "smm", "--engine", "fasttree",
            "--features", "baby_height_ratio,gestational_age_wk,systolic_bp", "--out", _cli.PathOf("m.json"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("Test AUC", result.Stdout);
        Assert.Contains("black-box", result.Stderr);
        Assert.False(File.Exists(_cli.PathOf("m.json")));
    }

    [Fact]
    public void Cv_folds_prints_the_out_of_fold_auc_of_each_fold_before_the_final_fit()
    {
        string data = SyntheticCohort(1500);
        var result = CliHarness.Run(new FitCommand(), "--data", data, "--outcome", "smm", "--features", "baby_height_ratio,maternal_age,hemoglobin_g_dl",
            "--bags", "1", "--interactions", "0", "--seed", "4", "--cv-folds", "3", "--out", _cli.PathOf("m.json"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        var line = Assert.Single(result.Stdout.Split('\n'), l => l.StartsWith("Cross-validated AUC", StringComparison.Ordinal));
        var match = System.Text.RegularExpressions.Regex.Match(line,
            @"^Cross-validated AUC \(3 folds of the training rows, seed 4\): (0\.\d{4}) ± (0\.\d{4}) \(per fold (0\.\d{4}), (0\.\d{4}), (0\.\d{4})\)");
        Assert.True(match.Success, line);
        var folds = Enumerable.Range(3, 3).Select(g => double.Parse(match.Groups[g].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(folds.Average(), double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 3);
        Assert.All(folds, auc => Assert.InRange(auc, 0.55, 1.0)); // the planted ratio effect is strong
        Assert.Contains("fold 3/3", result.Stderr); // progress names the fold
        Assert.True(File.Exists(_cli.PathOf("m.json")));
    }

    [Fact]
    public void Cv_folds_are_refused_for_the_black_box_reference()
    {
        var result = CliHarness.Run(new FitCommand(), "--data", "x.csv", "--outcome", "smm", "--engine", "fasttree", "--cv-folds", "3");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--cv-folds needs a GAM engine", result.Stderr);
    }
}
