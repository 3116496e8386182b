using ClinicalGAM.Web.Services;
using ClinicalGAM.Web.Services.Interim;
using MudBlazor.Services;

namespace ClinicalGAM.Web.Extensions;

/// <summary>Service registration and start-up work for the web app (Program.cs stays a list of calls).</summary>
public static class WebHostExtensions
{
    public static WebApplicationBuilder AddClinicalGamWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();

        var paths = new AppPaths(builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(paths);
        var connection = paths.ResolveConnectionString(builder.Configuration.GetConnectionString("ClinicalGam")
            ?? "Data Source=data/clinicalgam.db");
        builder.Services.AddSingleton<IWorkbenchStore>(_ => new InMemoryWorkbenchStore());
        _ = connection;

        builder.Services.AddSingleton<CohortService>();
        builder.Services.AddSingleton<FitJobService>();
        builder.Services.AddSingleton<ModelViewService>();
        builder.Services.AddTransient<UploadSession>();
        builder.Services.AddScoped<ThemeState>();
        return builder;
    }

    /// <summary>Applies migrations and loads the sample cohort on first start (when no cohort exists yet).</summary>
    public static async Task InitializeClinicalGamAsync(this WebApplication app)
    {
        var config = app.Configuration;
        var paths = app.Services.GetRequiredService<AppPaths>();
        var cohorts = app.Services.GetRequiredService<CohortService>();
        if (!config.GetValue("ClinicalGam:LoadSampleCohort", true) || (await cohorts.ListAsync()).Count > 0) return;
        var sample = paths.Resolve(config["ClinicalGam:SampleCohortPath"] ?? "sample-data/smm_cohort.csv");
        if (!File.Exists(sample))
        {
            app.Logger.LogWarning("Sample cohort not found at {Path}; starting with no cohorts", sample);
            return;
        }
        await using var stream = File.OpenRead(sample);
        var table = Modeling.ReadCsv(stream, null, null, CancellationToken.None);
        await cohorts.SaveAsync(table, "SMM sample cohort", $"sample:{Path.GetFileName(sample)}");
        app.Logger.LogInformation("Loaded the sample cohort ({Rows} rows) from {Path}", table.RowCount, sample);
    }
}
