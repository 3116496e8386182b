using Microsoft.EntityFrameworkCore;

namespace ClinicalGAM.Storage;

/// <summary>The one place that says how a ClinicalGamDbContext talks to SQLite (used by DI, tools and tests).</summary>
public static class ClinicalGamDatabase
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(ClinicalGamDbContext).Assembly.GetName().Name))
            .AddInterceptors(new SqlitePragmas());

    /// <summary>Options for a context outside DI (CLI, tests).</summary>
    public static DbContextOptions<ClinicalGamDbContext> Options(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<ClinicalGamDbContext>();
        Configure(builder, connectionString);
        return builder.Options;
    }
}
