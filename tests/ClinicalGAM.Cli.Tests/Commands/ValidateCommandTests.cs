using System.Globalization;
using System.Text;
using System.Text.Json;
using ClinicalGAM.Cli.Commands;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Metrics;
using ClinicalGAM.Core.Serialization;

namespace ClinicalGAM.Cli.Tests.Commands;

public class ValidateCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private string SaveModel() => _cli.SaveModel(TestModels.HbAndMode());

    // 40 patients: low Hb and caesarean raise the event rate, so the model discriminates; one outcome missing.
    private string ExternalCohort()
    {
        var csv = new StringBuilder("hb,mode,age,smm\n");
        var rng = new Random(3);
        for (int i = 0; i < 40; i++)
        {
            double hb = Math.Round(5 + 10 * rng.NextDouble(), 1);
            string mode = i % 3 == 0 ? "caesarean" : "vaginal";
            int y = (hb < 8 || (mode == "caesarean" && rng.NextDouble() < 0.4)) ? 1 : 0;
            csv.Append(CultureInfo.InvariantCulture, $"{hb},{mode},{20 + i % 25},{(i == 7 ? "" : y.ToString(CultureInfo.InvariantCulture))}\n");
        }
        return _cli.Write("external.csv", csv.ToString());
    }

    [Fact]
    public void Reports_the_models_auc_on_the_other_cohort_and_writes_the_result()
    {
        string data = ExternalCohort();
        string output = _cli.PathOf("validation.json");

        var result = CliHarness.Run(new ValidateCommand(), "--model", SaveModel(), "--data", data, "--out", output);

        Assert.Equal(0, result.ExitCode);
        var table = CohortCsvReader.Read(data);
        var labels = OutcomeValidator.RequireBinary(table, "smm", allowMissing: true);
        var risk = TestModels.HbAndMode().Predict(table);
        var rows = Enumerable.Range(0, 40).Where(i => !double.IsNaN(labels[i])).ToArray();
        double auc = BinaryMetrics.RocAuc(rows.Select(i => labels[i]).ToArray(), rows.Select(i => risk[i]).ToArray());
        Assert.Contains($"AUC {auc.ToString("F4", CultureInfo.InvariantCulture)} (95% CI", result.Stdout);
        Assert.Contains("n 39", result.Stdout);
        Assert.Contains("1 rows without an outcome left out", result.Stdout);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal(39, json.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal(auc, json.RootElement.GetProperty("auc").GetDouble(), 12);
        Assert.Equal(39, json.RootElement.GetProperty("calibrationBins").EnumerateArray().Sum(b => b.GetProperty("count").GetInt32()));
    }

    [Fact]
    public void Data_lacking_a_model_column_fail_naming_it()
    {
        string data = _cli.Write("lacking.csv", "hb,mode,smm\n7,vaginal,1\n12,caesarean,0\n");

        var result = CliHarness.Run(new ValidateCommand(), "--model", SaveModel(), "--data", data);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'age'", result.Stderr);
    }
}
