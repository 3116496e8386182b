using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Serialization;
using ClinicalGAM.Web.Reports;
using ClinicalGAM.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.Web.Tests.Reports;

public sealed class ModelExportsTests : WebTestContext
{
    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("vaginal", "vaginal")]
    [InlineData("a,b", "\"a,b\"")]
    public void Text_cells_that_a_spreadsheet_would_evaluate_are_made_inert(string value, string expected) =>
        Assert.Equal(expected, CsvCells.Text(value));

    [Fact]
    public void Numbers_stay_numbers_even_when_negative() => Assert.Equal("-0.25", CsvCells.Number(-0.25));

    private async Task<(ModelExports Exports, int ModelId, GamModel Model)> SetUpAsync()
    {
        var cohort = TestModels.Cohort200().With(new CategoricalColumn("patient_id",
            Enumerable.Range(0, 200).ToArray(), Enumerable.Range(0, 200).Select(i => i == 3 ? "=cmd|' /C calc'!A0" : $"P{i}").ToArray(),
            ColumnKind.Identifier));
        int cohortId = await Store.SaveCohortAsync(cohort, "c", "t");
        var model = new GamModel(new ModelInfo { Engine = "ebm", Outcome = "smm" }, -1.5, [TestModels.Haemoglobin(), TestModels.AgeByHb()]);
        var spec = new ModelSpecification { Outcome = "smm", Features = ["hemoglobin_g_dl"], Seed = 1 };
        int modelId = await Store.SaveModelAsync(cohortId, "m", model, spec, new ModelMetrics { TestFraction = 0.2 });
        var exports = new ModelExports(Store, Ctx.Services.GetRequiredService<ModelViewService>(), Ctx.Services.GetRequiredService<CohortService>());
        return (exports, modelId, model);
    }

    [Fact]
    public async Task The_scored_cohort_has_one_row_per_patient_with_escaped_identifiers_and_the_models_risk()
    {
        var (exports, id, model) = await SetUpAsync();
        var lines = (await exports.ScoresCsvAsync(id))!.TrimEnd('\n').Split('\n');
        Assert.Equal("row,patient_id,smm,risk,set", lines[0]);
        Assert.Equal(201, lines.Length);
        Assert.StartsWith("4,'=cmd|' /C calc'!A0,", lines[4]);
        var risk = model.Predict(TestModels.Cohort200());
        Assert.Equal(risk[0], double.Parse(lines[1].Split(',')[3], System.Globalization.CultureInfo.InvariantCulture), 12);
        Assert.Equal(40, lines.Count(l => l.EndsWith(",test")));
    }

    [Fact]
    public async Task Shape_rows_cover_every_cell_and_the_json_round_trips()
    {
        var (exports, id, model) = await SetUpAsync();
        var shapes = (await exports.ShapesCsvAsync(id))!.TrimEnd('\n').Split('\n');
        Assert.Equal(1 + 5 + 12, shapes.Length); // header, Hb's 5 bins, the 3 x 4 interaction cells
        Assert.Contains(shapes, l => l.StartsWith("hemoglobin_g_dl,2,2,,\"[7, 9)\",7,9,"));
        var back = GamModelJson.Deserialize((await exports.ModelJsonAsync(id))!);
        Assert.Equal(model.Terms[0].Scores, back.Terms[0].Scores);
    }
}
