using System.Text;
using ClinicalGAM.Web.Reports;

namespace ClinicalGAM.Web.Extensions;

public static class ReportEndpoints
{
    /// <summary>Downloads of a saved model: HTML report, model JSON, InterpretML JSON, shape functions CSV, scored cohort CSV.</summary>
    public static WebApplication MapClinicalGamReports(this WebApplication app)
    {
        app.MapGet("/models/{id:int}/report.html", async (int id, ModelReportService reports) =>
            File(await reports.BuildHtmlAsync(id), "text/html; charset=utf-8", $"clinicalgam-model-{id}-report.html"));
        app.MapGet("/models/{id:int}/model.json", async (int id, ModelExports exports) =>
            File(await exports.ModelJsonAsync(id), "application/json", $"clinicalgam-model-{id}.json"));
        app.MapGet("/models/{id:int}/interpretml.json", async (int id, ModelExports exports) =>
        {
            // Regression and count models have no InterpretML counterpart here: say so instead of failing.
            try { return File(await exports.InterpretMlJsonAsync(id), "application/json", $"clinicalgam-model-{id}-interpretml.json"); }
            catch (Core.Serialization.GamModelFormatException e) { return Results.Text(e.Message, statusCode: StatusCodes.Status422UnprocessableEntity); }
        });
        app.MapGet("/models/{id:int}/shapes.csv", async (int id, ModelExports exports) =>
            File(await exports.ShapesCsvAsync(id), "text/csv; charset=utf-8", $"clinicalgam-model-{id}-shapes.csv"));
        app.MapGet("/models/{id:int}/scores.csv", async (int id, ModelExports exports) =>
            File(await exports.ScoresCsvAsync(id), "text/csv; charset=utf-8", $"clinicalgam-model-{id}-scores.csv"));
        return app;
    }

    private static IResult File(string? content, string type, string name) =>
        content is null ? Results.NotFound() : Results.File(Encoding.UTF8.GetBytes(content), type, name);
}
