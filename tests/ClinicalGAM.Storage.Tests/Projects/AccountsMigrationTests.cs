using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ClinicalGAM.Storage.Tests.Projects;

/// <summary>
/// Nothing saved before accounts existed is lost: a database made at the previous migration (AddAnalysisResults) with a row
/// in every table is migrated, and every row is then found in the default project, and only there.
/// </summary>
public sealed class AccountsMigrationTests
{
    private const string PreviousMigration = "20261204085737_AddAnalysisResults";

    // Parents before children, so the foreign keys (all pointing at id 1) hold.
    private static readonly string[] Tables =
        ["Cohorts", "CohortColumns", "CohortColumnChunks", "DerivedFeatures", "ModelSpecs", "Models", "FitRuns", "FlagRuns",
         "GoodhartFlags", "ExternalValidations", "AnalysisResults", "AuditLog"];

    private static readonly string[] ProjectOwned =
        ["Cohorts", "ModelSpecs", "Models", "FitRuns", "FlagRuns", "GoodhartFlags", "ExternalValidations", "AnalysisResults", "AuditLog"];

    [Fact]
    public async Task Rows_saved_at_the_previous_migration_all_belong_to_the_default_project()
    {
        await using var test = await TestDatabase.CreateAsync(initialize: false);
        Directory.CreateDirectory(Path.Combine(test.Folder, "db"));
        await using (var db = await test.ContextAsync())
        {
            await db.GetService<IMigrator>().MigrateAsync(PreviousMigration);
            foreach (var table in Tables) await OldSchemaRows.InsertOneAsync(db, table);
        }

        var startup = await test.Initializer.InitializeAsync();
        Assert.Contains(startup.AppliedMigrations, m => m.EndsWith("_AddAccountsAndProjects", StringComparison.Ordinal));

        await using (var db = await test.ContextAsync())
        {
            foreach (var table in ProjectOwned)
            {
                Assert.Equal(1L, await OldSchemaRows.ScalarAsync(db, $"SELECT COUNT(*) FROM {table}"));
                Assert.Equal(1L, await OldSchemaRows.ScalarAsync(db, $"SELECT COUNT(*) FROM {table} WHERE ProjectId = {ProjectRecord.DefaultId}"));
            }
            Assert.Equal("Default project", await db.Projects.Where(p => p.Id == ProjectRecord.DefaultId).Select(p => p.Name).SingleAsync());
        }

        // Through the stores: visible in the default project, invisible from another one.
        using (ProjectScope.Enter(new ProjectScope(ProjectRecord.DefaultId, ProjectRole.Viewer, "test", false)))
        {
            Assert.Single(await test.Cohorts.ListAsync());
            Assert.NotNull(await test.Cohorts.GetSummaryAsync(1));
            Assert.Single(await test.Audit.ListAsync());
        }
        using (ProjectScope.Enter(new ProjectScope(ProjectRecord.DefaultId + 1, ProjectRole.Owner, "test", false)))
        {
            Assert.Empty(await test.Cohorts.ListAsync());
            Assert.Null(await test.Cohorts.GetSummaryAsync(1));
            Assert.Empty(await test.Audit.ListAsync());
        }

        // The audit log is still append-only after its column was added.
        await using (var db = await test.ContextAsync())
        {
            var refused = await Assert.ThrowsAsync<SqliteException>(() => OldSchemaRows.ScalarAsync(db, "UPDATE AuditLog SET Who = 'someone else'"));
            Assert.Contains("append-only", refused.Message);
        }
    }
}
