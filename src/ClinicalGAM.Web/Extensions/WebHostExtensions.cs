using ClinicalGAM.Core.Data;
using ClinicalGAM.Storage;
using ClinicalGAM.Web.Services;
using ClinicalGAM.Web.Services.Sql;
using Microsoft.AspNetCore.DataProtection;
using MudBlazor.Services;

namespace ClinicalGAM.Web.Extensions;

/// <summary>Service registration and start-up work for the web app (Program.cs stays a list of calls).</summary>
public static class WebHostExtensions
{
    public static WebApplicationBuilder AddClinicalGamWeb(this WebApplicationBuilder builder)
    {
        // `dotnet run` in Production serves `_content/` (MudBlazor, Plotly) from the build output as Development does;
        // a published app has no static-web-assets manifest and this is a no-op there.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();

        var paths = new AppPaths(builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(paths);
        // Relative SQLite paths land under the repository root (data/ by default), whatever the working directory.
        string database = paths.ResolveConnectionString(
            builder.Configuration.GetConnectionString("ClinicalGam") ?? StorageServiceCollectionExtensions.DefaultConnectionString);
        builder.Services.AddClinicalGamStorage(database);
        builder.AddSqlImport(paths.DataFolder(database));

        builder.Services.AddSingleton<IWorkbenchStore, SqliteWorkbenchStore>();
        builder.Services.AddSingleton<CohortService>();
        builder.Services.AddSingleton<FitJobService>();
        builder.Services.AddSingleton<FitQueueResume>();
        builder.Services.AddSingleton<ModelViewService>();
        builder.Services.AddSingleton<BlackBoxService>();
        builder.Services.AddSingleton<MeasurementValueService>();
        builder.Services.AddSingleton<FairnessService>();
        builder.Services.AddSingleton<FlagService>();
        builder.Services.AddSingleton<ExternalValidationService>();
        builder.Services.AddSingleton<ModelImportService>();
        builder.Services.AddSingleton<DeletionService>();
        builder.Services.AddSingleton<Reports.ModelReportService>();
        builder.Services.AddSingleton<Reports.ModelExports>();
        builder.Services.AddSingleton(new UploadStaging(Path.Combine(paths.DataFolder(database), "staging")));
        builder.Services.AddTransient<UploadSession>();
        builder.Services.AddScoped<ThemeState>();
        builder.Services.AddScoped<ModelEditingService>();
        return builder;
    }

    /// <summary>
    /// Cohorts from PostgreSQL: saved connections in the data folder, passwords encrypted with Data Protection whose
    /// keys are kept in the data folder's keys/ (so they survive restarts and stay with the database they protect).
    /// </summary>
    private static void AddSqlImport(this WebApplicationBuilder builder, string dataFolder)
    {
        builder.Services.AddDataProtection().SetApplicationName("ClinicalGAM")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder, "keys")));
        builder.Services.AddSingleton(sp => new SqlConnectionStore(dataFolder, sp.GetRequiredService<IDataProtectionProvider>()));
        builder.Services.AddTransient<SqlImportSession>();
    }

    /// <summary>Applies migrations and loads the sample cohort on first start (when no cohort exists yet).</summary>
    public static async Task InitializeClinicalGamAsync(this WebApplication app)
    {
        // Uploads staged before a crash or kill belong to no session now.
        int orphans = app.Services.GetRequiredService<UploadStaging>().DeleteOrphans();
        if (orphans > 0) app.Logger.LogInformation("Deleted {Count} upload(s) left staged by the previous run.", orphans);
        var initializer = app.Services.GetRequiredService<DatabaseInitializer>();
        var startup = await initializer.InitializeAsync();
        if (startup.AppliedMigrations.Count > 0)
            app.Logger.LogInformation("Applied migrations: {Migrations}", string.Join(", ", startup.AppliedMigrations));
        if (startup.InterruptedRuns > 0)
            app.Logger.LogWarning("{Runs} fit runs were interrupted by the last shutdown", startup.InterruptedRuns);
        if (startup.InterruptedChecks > 0)
            app.Logger.LogWarning("{Checks} Goodhart checks were interrupted by the last shutdown", startup.InterruptedChecks);
        var resumed = await app.Services.GetRequiredService<FitQueueResume>().ResumeAsync(Accounts.AccountsMode.IsOn(app.Configuration));
        if (resumed.Count > 0)
            app.Logger.LogInformation("Resumed {Fits} queued fit(s) left waiting by the last shutdown", resumed.Count);

        var config = app.Configuration;
        if (!config.GetValue("ClinicalGam:LoadSampleCohort", true)) return;
        var paths = app.Services.GetRequiredService<AppPaths>();
        var sample = paths.Resolve(config["ClinicalGam:SampleCohortPath"] ?? "sample-data/smm_cohort.csv");
        if (!File.Exists(sample))
        {
            app.Logger.LogWarning("Sample cohort not found at {Path}", sample);
            return;
        }
        var id = await initializer.SeedCohortIfEmptyAsync(sample, s => CohortCsvReader.Read(s), "SMM sample cohort");
        if (id is not null) app.Logger.LogInformation("Loaded the sample cohort from {Path} as cohort {Id}", sample, id);
    }
}
