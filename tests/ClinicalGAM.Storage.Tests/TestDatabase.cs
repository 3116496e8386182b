using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.Storage.Tests;

/// <summary>A fresh SQLite file in its own temp folder, migrated, with the stores wired as the app wires them.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TestDatabase(string folder, ServiceProvider services)
    {
        Folder = folder;
        _services = services;
    }

    public string Folder { get; }
    public string ConnectionString => $"Data Source={Path.Combine(Folder, "db", "test.db")}";
    public ManualClock Clock => (ManualClock)_services.GetRequiredService<TimeProvider>();
    public CohortStore Cohorts => _services.GetRequiredService<CohortStore>();
    public ModelStore Models => _services.GetRequiredService<ModelStore>();
    public ModelSpecStore Specs => _services.GetRequiredService<ModelSpecStore>();
    public FitRunStore Runs => _services.GetRequiredService<FitRunStore>();
    public FlagStore Flags => _services.GetRequiredService<FlagStore>();
    public ExternalValidationStore Validations => _services.GetRequiredService<ExternalValidationStore>();
    public AuditStore Audit => _services.GetRequiredService<AuditStore>();
    public AnalysisResultStore Analyses => _services.GetRequiredService<AnalysisResultStore>();
    public DeletionStore Deletions => _services.GetRequiredService<DeletionStore>();
    public CheckRunStore Checks => _services.GetRequiredService<CheckRunStore>();
    public DatabaseInitializer Initializer => _services.GetRequiredService<DatabaseInitializer>();
    public StorageStartup? Startup { get; private set; }

    public static async Task<TestDatabase> CreateAsync(bool initialize = true)
    {
        string folder = Path.Combine(Path.GetTempPath(), "clinicalgam-storage-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var db = new TestDatabase(folder, Build(Path.Combine(folder, "db", "test.db")));
        if (initialize) db.Startup = await db.Initializer.InitializeAsync();
        return db;
    }

    private static ServiceProvider Build(string file) =>
        new ServiceCollection()
            .AddSingleton<TimeProvider>(new ManualClock())
            .AddClinicalGamStorage($"Data Source={file}")
            .BuildServiceProvider();

    public async Task<ClinicalGamDbContext> ContextAsync() =>
        await _services.GetRequiredService<IDbContextFactory<ClinicalGamDbContext>>().CreateDbContextAsync();

    /// <summary>A second app instance on the same file, as after a restart.</summary>
    public ServiceProvider Restart() => Build(Path.Combine(Folder, "db", "test.db"));

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
