using System.Text.RegularExpressions;
using ClinicalGAM.Cli.Commands;
using ClinicalGAM.Core.Serialization;
using ClinicalGAM.Reporting.Report;

namespace ClinicalGAM.Reporting.Tests.Cli;

public class ReportCommandTests(FittedCohortFixture cohort) : IClassFixture<FittedCohortFixture>
{
    private static string TestAuc(string text) =>
        Regex.Match(text, @"test AUC (\d\.\d{4}) \(95% CI (\d\.\d{4})-(\d\.\d{4})\)", RegexOptions.IgnoreCase).Value.ToLowerInvariant();

    [Fact]
    public void Report_is_written_on_the_fits_held_out_rows()
    {
        Assert.True(cohort.Fit.ExitCode == 0, cohort.Fit.Stderr);
        string output = cohort.PathOf("report.html");
        var result = CliRun.Run(new ReportCommand(), "--model", cohort.ModelPath, "--data", cohort.DataPath, "--out", output,
            "--test-fraction", "0.25", "--time", "delivery_year", "--no-refit");
        Assert.True(result.ExitCode == 0, result.Stderr);

        // Same split as the fit: the held-out AUC and its interval match what `fit` printed, digit for digit.
        string fitAuc = TestAuc(cohort.Fit.Stdout);
        Assert.NotEqual("", fitAuc);
        Assert.Equal(fitAuc, TestAuc(result.Stdout));
        Assert.DoesNotContain("Warning", result.Stderr);

        string html = File.ReadAllText(output);
        foreach (var (id, _) in ModelReportHtml.Sections) Assert.Contains($"<section id=\"{id}\">", html);
        Assert.Contains("the 25% stratified test split of seed 5 (375 rows)", html);
        Assert.Contains("never used in fitting", html);
        Assert.Matches(@"Time span</dt><dd>2012 to 2023", html);
        using var file = File.OpenRead(cohort.ModelPath);
        var model = GamModelJson.Read(file);
        Assert.Equal(model.Terms.Count, Regex.Matches(html, "<figure class=\"term\"").Count);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
    }

    [Fact]
    public void Derived_features_are_recomputed_so_metrics_match_the_fit()
    {
        string model = cohort.PathOf("derived.json");
        var fit = CliRun.Run(new FitCommand(), "--data", cohort.DataPath, "--outcome", "smm", "--bags", "2", "--interactions", "0",
            "--seed", "9", "--derive", "weight_per_cm=baby_weight_g / maternal_height_cm",
            "--features", "weight_per_cm,systolic_bp", "--out", model);
        Assert.True(fit.ExitCode == 0, fit.Stderr);
        string output = cohort.PathOf("report-derived.html");
        var result = CliRun.Run(new ReportCommand(), "--model", model, "--data", cohort.DataPath, "--out", output, "--no-flags");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(TestAuc(fit.Stdout), TestAuc(result.Stdout));
        Assert.Contains("weight_per_cm = baby_weight_g / maternal_height_cm", File.ReadAllText(output));
    }

    [Fact]
    public void A_different_test_fraction_is_warned_about_in_stderr_and_in_the_report()
    {
        string output = cohort.PathOf("report-mismatch.html");
        var result = CliRun.Run(new ReportCommand(), "--model", cohort.ModelPath, "--data", cohort.DataPath, "--out", output,
            "--test-fraction", "0.4", "--no-flags");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("Warning: the model records 1,125 training rows", result.Stderr);
        Assert.Contains("some evaluation rows may have been used in fitting", File.ReadAllText(output));
    }

    [Fact]
    public void Data_dictionary_labels_reach_the_report()
    {
        string dictionary = cohort.PathOf("dictionary.csv");
        File.WriteAllText(dictionary, "column,label,unit\nhemoglobin_g_dl,Haemoglobin,g/dL\nsystolic_bp,Systolic <BP>,mmHg\n");
        string output = cohort.PathOf("report-dictionary.html");
        var result = CliRun.Run(new ReportCommand(), "--model", cohort.ModelPath, "--data", cohort.DataPath, "--out", output,
            "--test-fraction", "0.25", "--dictionary", dictionary, "--no-flags");
        Assert.True(result.ExitCode == 0, result.Stderr);
        string html = File.ReadAllText(output);
        Assert.Contains("<td>hemoglobin_g_dl</td><td>Haemoglobin</td><td>g/dL</td>", html);
        Assert.Contains("<td>Systolic &lt;BP&gt;</td>", html);
    }

    [Fact]
    public void Missing_model_file_fails_with_a_clear_message()
    {
        var result = CliRun.Run(new ReportCommand(), "--model", cohort.PathOf("nope.json"), "--data", cohort.DataPath,
            "--out", cohort.PathOf("r.html"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does not exist", result.Stderr);
        Assert.False(File.Exists(cohort.PathOf("r.html")));
    }

    [Fact]
    public void Export_shapes_writes_one_row_per_cell()
    {
        string output = cohort.PathOf("shapes.csv");
        var result = CliRun.Run(new ExportShapesCommand(), "--model", cohort.ModelPath, "--out", output);
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var file = File.OpenRead(cohort.ModelPath);
        var model = GamModelJson.Read(file);
        var lines = File.ReadAllLines(output);
        Assert.Equal(string.Join(',', ClinicalGAM.Reporting.Export.CsvExport.ShapeColumns), lines[0]);
        Assert.Equal(1 + model.Terms.Sum(t => t.Scores.Length), lines.Length);
    }
}
