using System.Text;
using ClinicalGAM.Web.Accounts;
using ClinicalGAM.Web.Reports;
using ClinicalGAM.Web.Services;

namespace ClinicalGAM.Web.Extensions;

public static class ReportEndpoints
{
    /// <summary>Downloads of a saved model: HTML report, model JSON, InterpretML JSON, shape functions CSV, scored cohort CSV.</summary>
    public static WebApplication MapClinicalGamReports(this WebApplication app)
    {
        // Members of the current project only (viewer or above); another project's model is "not found" (the store's filter).
        var models = app.MapGroup("/models").RequireAuthorization(ProjectPolicies.Viewer);
        models.MapGet("/{id:int}/report.html", async (int id, ModelReportService reports, IWorkbenchStore store, HttpContext http) =>
            await File(await reports.BuildHtmlAsync(id), "text/html; charset=utf-8", $"clinicalgam-model-{id}-report.html", id, store, http));
        models.MapGet("/{id:int}/model.json", async (int id, ModelExports exports, IWorkbenchStore store, HttpContext http) =>
            await File(await exports.ModelJsonAsync(id), "application/json", $"clinicalgam-model-{id}.json", id, store, http));
        models.MapGet("/{id:int}/interpretml.json", async (int id, ModelExports exports, IWorkbenchStore store, HttpContext http) =>
        {
            // Regression and count models have no InterpretML counterpart here: say so instead of failing.
            try { return await File(await exports.InterpretMlJsonAsync(id), "application/json", $"clinicalgam-model-{id}-interpretml.json", id, store, http); }
            catch (Core.Serialization.GamModelFormatException e) { return Results.Text(e.Message, statusCode: StatusCodes.Status422UnprocessableEntity); }
        });
        models.MapGet("/{id:int}/shapes.csv", async (int id, ModelExports exports, IWorkbenchStore store, HttpContext http) =>
            await File(await exports.ShapesCsvAsync(id), "text/csv; charset=utf-8", $"clinicalgam-model-{id}-shapes.csv", id, store, http));
        models.MapGet("/{id:int}/scores.csv", async (int id, ModelExports exports, IWorkbenchStore store, HttpContext http) =>
            await File(await exports.ScoresCsvAsync(id), "text/csv; charset=utf-8", $"clinicalgam-model-{id}-scores.csv", id, store, http));
        app.MapGet("/audit.csv", async (IWorkbenchStore store, HttpContext http) =>
        {
            var entries = await store.ListAuditAsync();
            await store.AuditAsync("export", "audit log", $"{entries.Count} entries as CSV", from: From(http));
            return Results.File(Encoding.UTF8.GetBytes(AuditCsv.Write(entries)), "text/csv; charset=utf-8", "clinicalgam-audit.csv");
        }).RequireAuthorization(ProjectPolicies.AuditReader);
        return app;
    }

    // Every download of patient-derived content is on the audit trail, with where the request came from.
    private static async Task<IResult> File(string? content, string type, string name, int modelId, IWorkbenchStore store, HttpContext http)
    {
        if (content is null) return Results.NotFound();
        var model = await store.FindModelAsync(modelId);
        await store.AuditAsync("download", model?.Name ?? $"model #{modelId}", name, model?.CohortId, modelId, From(http));
        return Results.File(Encoding.UTF8.GetBytes(content), type, name);
    }

    private static string From(HttpContext http) => http.Connection.RemoteIpAddress is { } ip
        ? System.Net.IPAddress.IsLoopback(ip) ? $"this machine ({ip})" : ip.ToString()
        : "this machine";
}
