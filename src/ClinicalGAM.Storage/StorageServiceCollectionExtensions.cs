using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClinicalGAM.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The default database, relative to the working directory; the web project may choose another path.</summary>
    public const string DefaultConnectionString = "Data Source=data/clinicalgam.db";

    /// <summary>
    /// Registers the ClinicalGAM database (a DbContext factory over SQLite) and the stores as singletons:
    /// CohortStore, ModelStore, ModelSpecStore, FitRunStore, FlagStore, ExternalValidationStore, AuditStore, AnalysisResultStore, DeletionStore, CheckRunStore,
    /// DatabaseInitializer.
    /// Call DatabaseInitializer.InitializeAsync once at start-up before serving requests.
    /// </summary>
    public static IServiceCollection AddClinicalGamStorage(this IServiceCollection services, string connectionString = DefaultConnectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddDbContextFactory<ClinicalGamDbContext>(options => ClinicalGamDatabase.Configure(options, connectionString));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CohortStore>();
        services.TryAddSingleton<ModelStore>();
        services.TryAddSingleton<ModelSpecStore>();
        services.TryAddSingleton<FitRunStore>();
        services.TryAddSingleton<FlagStore>();
        services.TryAddSingleton<ExternalValidationStore>();
        services.TryAddSingleton<AuditStore>();
        services.TryAddSingleton<ProjectStore>();
        services.TryAddSingleton<AnalysisResultStore>();
        services.TryAddSingleton<DeletionStore>();
        services.TryAddSingleton<CheckRunStore>();
        services.TryAddSingleton(sp => new DatabaseInitializer(
            sp.GetRequiredService<IDbContextFactory<ClinicalGamDbContext>>(),
            sp.GetRequiredService<FitRunStore>(),
            sp.GetRequiredService<CohortStore>(),
            connectionString,
            sp.GetRequiredService<CheckRunStore>()));
        return services;
    }
}
