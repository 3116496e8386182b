using System.Globalization;
using ClinicalGAM.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClinicalGAM.Storage.Tests;

public sealed class DatabaseInitializerTests
{
    [Fact]
    public async Task Migrations_create_an_empty_database_that_matches_the_model()
    {
        await using var db = await TestDatabase.CreateAsync(initialize: false);

        var startup = await db.Initializer.InitializeAsync();

        await using var ctx = await db.ContextAsync();
        Assert.Equal(ctx.Database.GetMigrations(), await ctx.Database.GetAppliedMigrationsAsync());
        Assert.Equal(ctx.Database.GetMigrations(), startup.AppliedMigrations);
        Assert.Empty(await ctx.Database.GetPendingMigrationsAsync());
        Assert.False(ctx.Database.HasPendingModelChanges(), "The entities changed without a migration: run dotnet ef migrations add.");
        Assert.Equal("wal", startup.JournalMode);
        Assert.True(File.Exists(Path.Combine(db.Folder, "db", "test.db")), "the data folder is created on first start");
    }

    [Fact]
    public async Task Initializing_twice_is_harmless_and_keeps_data()
    {
        await using var db = await TestDatabase.CreateAsync();
        int id = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(50), "c", null);

        var again = await db.Initializer.InitializeAsync();

        Assert.Empty(again.AppliedMigrations);
        Assert.Equal(50, (await db.Cohorts.LoadAsync(id)).RowCount);
    }

    [Fact]
    public async Task Every_connection_waits_for_locks_instead_of_failing()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var ctx = await db.ContextAsync();
        await ctx.Database.OpenConnectionAsync();
        await using var command = ctx.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA busy_timeout;";
        Assert.Equal((long)SqlitePragmas.BusyTimeoutMilliseconds, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_sample_cohort_is_seeded_only_into_an_empty_database()
    {
        await using var db = await TestDatabase.CreateAsync();
        string csv = Path.Combine(db.Folder, "sample.csv");
        await File.WriteAllTextAsync(csv, "age,hb\n31,11.2\n44,\n29,7.5\n");

        int? first = await db.Initializer.SeedCohortIfEmptyAsync(csv, ReadTinyCsv);
        int? second = await db.Initializer.SeedCohortIfEmptyAsync(csv, ReadTinyCsv);

        Assert.NotNull(first);
        Assert.Null(second);
        var summary = Assert.Single(await db.Cohorts.ListAsync());
        Assert.Equal(("sample", "sample.csv", 3), (summary.Name, summary.SourceFileName, summary.RowCount));
        Assert.True(double.IsNaN(((NumericColumn)(await db.Cohorts.LoadAsync(first.Value))["hb"])[1]));
        Assert.Null(await db.Initializer.SeedCohortIfEmptyAsync(Path.Combine(db.Folder, "absent.csv"), ReadTinyCsv));
    }

    /// <summary>A deliberately minimal all-numeric reader; the real one is Core's CohortCsvReader.</summary>
    private static CohortTable ReadTinyCsv(Stream stream)
    {
        using var reader = new StreamReader(stream);
        var header = reader.ReadLine()!.Split(',');
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line) rows.Add(line.Split(','));
        return new CohortTable(header.Select((name, c) => (CohortColumn)new NumericColumn(name,
            rows.Select(r => r[c] == "" ? double.NaN : double.Parse(r[c], CultureInfo.InvariantCulture)).ToArray())).ToList());
    }
}
