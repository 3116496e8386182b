using ClinicalGAM.Web.Reports;

namespace ClinicalGAM.Web.Extensions;

public static class ReportEndpoints
{
    /// <summary>GET /models/{id}/report.html: the self-contained model report as a download.</summary>
    public static WebApplication MapClinicalGamReports(this WebApplication app)
    {
        app.MapGet("/models/{id:int}/report.html", async (int id, ModelReport reports) =>
            await reports.BuildAsync(id) is { } html
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", $"clinicalgam-model-{id}-report.html")
                : Results.NotFound());
        return app;
    }
}
