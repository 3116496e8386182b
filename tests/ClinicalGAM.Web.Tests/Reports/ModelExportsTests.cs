using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Serialization;
using ClinicalGAM.Web.Reports;
using ClinicalGAM.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.Web.Tests.Reports;

public sealed class ModelExportsTests : WebTestContext
{
    // The model's interaction term uses maternal age, so the cohort must carry it: scoring refuses absent features.
    private static CohortTable CohortWithAge() => TestModels.Cohort200().With(
        new NumericColumn("maternal_age", Enumerable.Range(0, 200).Select(i => 18.0 + i % 25).ToArray()));

    private async Task<(ModelExports Exports, int ModelId, GamModel Model)> SetUpAsync()
    {
        var cohort = CohortWithAge().With(new CategoricalColumn("patient_id",
            Enumerable.Range(0, 200).ToArray(), Enumerable.Range(0, 200).Select(i => i == 3 ? "=cmd|' /C calc'!A0" : $"P{i}").ToArray(),
            ColumnKind.Identifier));
        int cohortId = await Store.SaveCohortAsync(cohort, "c", "t");
        var model = new GamModel(new ModelInfo { Engine = "ebm", Outcome = "smm" }, -1.5, [TestModels.Haemoglobin(), TestModels.AgeByHb()]);
        var spec = new ModelSpecification { Outcome = "smm", Features = ["hemoglobin_g_dl"], Seed = 1 };
        int modelId = await Store.SaveModelAsync(cohortId, "m", model, spec, new ModelMetrics { TestFraction = 0.2 });
        return (new ModelExports(Store, Ctx.Services.GetRequiredService<CohortService>()), modelId, model);
    }

    [Fact]
    public async Task The_scored_cohort_has_every_patient_the_models_risk_and_escaped_text()
    {
        var (exports, id, model) = await SetUpAsync();
        var lines = (await exports.ScoresCsvAsync(id))!.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(201, lines.Length);
        var header = lines[0].Split(',');
        int riskColumn = Array.IndexOf(header, "predicted_risk");
        Assert.True(riskColumn > 0);
        var risk = model.Predict(CohortWithAge());
        Assert.Equal(risk[0], double.Parse(lines[1].Split(',')[riskColumn], System.Globalization.CultureInfo.InvariantCulture), 12);
        Assert.Contains("'=cmd|' /C calc'!A0", lines[4]);
    }

    [Fact]
    public async Task Shape_rows_cover_every_cell_and_the_json_round_trips()
    {
        var (exports, id, model) = await SetUpAsync();
        var shapes = (await exports.ShapesCsvAsync(id))!.TrimEnd().Split('\n');
        Assert.Equal(1 + 5 + 12, shapes.Length); // header, Hb's 5 bins, the 3 x 4 interaction cells
        var back = GamModelJson.Deserialize((await exports.ModelJsonAsync(id))!);
        Assert.Equal(model.Terms[0].Scores, back.Terms[0].Scores);
    }

    [Fact]
    public async Task The_InterpretML_download_scores_every_patient_as_the_saved_model()
    {
        var (exports, id, model) = await SetUpAsync();
        var json = (await exports.InterpretMlJsonAsync(id))!;
        var back = Core.Serialization.InterpretMl.InterpretMlJson.Deserialize(json, "smm");
        Assert.Equal(model.Predict(CohortWithAge()), back.Predict(CohortWithAge()));
        Assert.DoesNotContain("NaN", json);
        Assert.DoesNotContain("Infinity", json);
    }
}
