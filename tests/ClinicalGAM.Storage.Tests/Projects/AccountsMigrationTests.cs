using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ClinicalGAM.Storage.Tests.Projects;

/// <summary>
/// Nothing saved before accounts existed is lost: a database made at the previous migration (AddAuditLog) with a row
/// in every table is migrated, and every row is then found in the default project, and only there.
/// </summary>
public sealed class AccountsMigrationTests
{
    private const string PreviousMigration = "20261204063103_AddAuditLog";

    // Parents before children, so the foreign keys (all pointing at id 1) hold.
    private static readonly string[] Tables =
        ["Cohorts", "CohortColumns", "CohortColumnChunks", "DerivedFeatures", "ModelSpecs", "Models", "FitRuns", "FlagRuns",
         "GoodhartFlags", "ExternalValidations", "AuditLog"];

    private static readonly string[] ProjectOwned =
        ["Cohorts", "ModelSpecs", "Models", "FitRuns", "FlagRuns", "GoodhartFlags", "ExternalValidations", "AuditLog"];

    [Fact]
    public async Task Rows_saved_at_the_previous_migration_all_belong_to_the_default_project()
    {
        await using var test = await TestDatabase.CreateAsync(initialize: false);
        Directory.CreateDirectory(Path.Combine(test.Folder, "db"));
        await using (var db = await test.ContextAsync())
        {
            await db.GetService<IMigrator>().MigrateAsync(PreviousMigration);
            foreach (var table in Tables) await InsertOneRowAsync(db, table);
        }

        var startup = await test.Initializer.InitializeAsync();
        Assert.Contains(startup.AppliedMigrations, m => m.EndsWith("_AddAccountsAndProjects", StringComparison.Ordinal));

        await using (var db = await test.ContextAsync())
        {
            foreach (var table in ProjectOwned)
            {
                Assert.Equal(1L, await ScalarAsync(db, $"SELECT COUNT(*) FROM {table}"));
                Assert.Equal(1L, await ScalarAsync(db, $"SELECT COUNT(*) FROM {table} WHERE ProjectId = {ProjectRecord.DefaultId}"));
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
            var refused = await Assert.ThrowsAsync<SqliteException>(() => ScalarAsync(db, "UPDATE AuditLog SET Who = 'someone else'"));
            Assert.Contains("append-only", refused.Message);
        }
    }

    // A row with a plain value in every NOT NULL column of the table as that migration left it (ids point at row 1).
    private static async Task InsertOneRowAsync(ClinicalGamDbContext db, string table)
    {
        var columns = new List<(string Name, string Type)>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = $"PRAGMA table_info({table})";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                if (reader.GetString(1) != "Id" && reader.GetInt32(3) == 1) columns.Add((reader.GetString(1), reader.GetString(2)));
        }
        var values = columns.Select(c => c switch
        {
            { Name: var n } when n.EndsWith("Id", StringComparison.Ordinal) => "1",
            { Name: var n } when n.EndsWith("Utc", StringComparison.Ordinal) => "'2026-01-02 03:04:05'",
            { Type: "INTEGER" } => "1",
            { Type: "REAL" } => "0.5",
            { Type: "BLOB" } => "x'00'",
            _ => $"'{table} value'",
        });
        await ScalarAsync(db, $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", values)})");
    }

    private static async Task<object?> ScalarAsync(ClinicalGamDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
