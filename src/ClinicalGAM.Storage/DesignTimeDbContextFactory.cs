using Microsoft.EntityFrameworkCore.Design;

namespace ClinicalGAM.Storage;

/// <summary>Lets `dotnet ef migrations add` build the context from this project alone (no web host needed).</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ClinicalGamDbContext>
{
    public ClinicalGamDbContext CreateDbContext(string[] args) =>
        new(ClinicalGamDatabase.Options(args.Length > 0 ? args[0] : StorageServiceCollectionExtensions.DefaultConnectionString));
}
