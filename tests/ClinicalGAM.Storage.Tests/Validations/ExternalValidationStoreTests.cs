using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ClinicalGAM.Storage.Tests.Validations;

public sealed class ExternalValidationStoreTests
{
    private static ExternalValidationStore Store(TestDatabase db) => db.Validations;

    private static NewExternalValidation Result(int model, int cohort, double auc) => new()
    {
        ModelId = model, CohortId = cohort, Rows = 400, Events = 31, ExcludedRows = 2,
        Auc = auc, AucLow = auc - 0.05, AucHigh = auc + 0.05, LogLoss = 0.21, Brier = 0.06,
        CalibrationSlope = 0.92, CalibrationIntercept = double.NaN, CalibrationJson = """[{"p":0.1,"o":0.12,"n":40}]""",
    };

    [Fact]
    public async Task Validations_are_saved_with_the_cohort_name_and_listed_newest_first()
    {
        await using var db = await TestDatabase.CreateAsync();
        int home = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "development", null);
        int other = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "hospital B", null);
        var model = await db.Models.SaveAsync(TestModels.New(home, "main"));
        var store = Store(db);

        await store.AddAsync(Result(model.Id, other, 0.71));
        db.Clock.Advance(TimeSpan.FromMinutes(5));
        await store.AddAsync(Result(model.Id, home, 0.78));

        var list = await store.ListAsync(model.Id);
        Assert.Equal([0.78, 0.71], list.Select(v => v.Auc!.Value));
        var first = list[1];
        Assert.Equal(("hospital B", other, 400, 31, 2), (first.CohortName, first.CohortId!.Value, first.Rows, first.Events, first.ExcludedRows));
        Assert.Equal(0.66, first.AucLow!.Value, 12);
        Assert.Null(first.CalibrationIntercept); // NaN is stored as "not available"
        Assert.Equal(0.92, first.CalibrationSlope);
        Assert.Contains("\"o\":0.12", first.CalibrationJson);
        Assert.Empty(await store.ListAsync(model.Id + 1));
    }

    [Fact]
    public async Task Unknown_model_or_cohort_is_refused()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        var model = await db.Models.SaveAsync(TestModels.New(cohort, "main"));
        var store = Store(db);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.AddAsync(Result(model.Id + 5, cohort, 0.7)));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.AddAsync(Result(model.Id, cohort + 5, 0.7)));
        Assert.Empty(await store.ListAsync(model.Id));
    }

    [Fact]
    public async Task A_result_outlives_its_cohort_but_not_its_model()
    {
        await using var db = await TestDatabase.CreateAsync();
        int home = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "development", null);
        int other = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "hospital B", null);
        var model = await db.Models.SaveAsync(TestModels.New(home, "main"));
        var store = Store(db);
        await store.AddAsync(Result(model.Id, other, 0.7));

        Assert.True(await db.Cohorts.DeleteAsync(other));
        var kept = Assert.Single(await store.ListAsync(model.Id));
        Assert.Null(kept.CohortId);
        Assert.Equal("hospital B", kept.CohortName);

        Assert.True(await db.Models.DeleteAsync(model.Id));
        await using var ctx = await db.ContextAsync();
        Assert.Equal(0, await ctx.ExternalValidations.CountAsync());
    }

    [Fact]
    public async Task The_migration_adds_the_table_to_a_database_made_before_it_and_keeps_its_models()
    {
        await using var db = await TestDatabase.CreateAsync(initialize: false);
        Directory.CreateDirectory(Path.Combine(db.Folder, "db"));
        await using (var ctx = await db.ContextAsync())
        {
            var migrator = ctx.GetService<IMigrator>();
            await migrator.MigrateAsync(ctx.Database.GetMigrations().First()); // the schema as it was before validations
            Assert.DoesNotContain("ExternalValidations", await TablesAsync(ctx));
        }
        await using (var ctx = await db.ContextAsync())
            foreach (var table in new[] { "Cohorts", "Models" }) await OldSchemaRows.InsertOneAsync(ctx, table);
        const int cohort = 1, model = 1;

        var startup = await db.Initializer.InitializeAsync();

        Assert.Contains(startup.AppliedMigrations, m => m.EndsWith("_AddExternalValidations", StringComparison.Ordinal));
        await using (var ctx = await db.ContextAsync())
            Assert.Contains("ExternalValidations", await TablesAsync(ctx));
        await Store(db).AddAsync(Result(model, cohort, 0.75));
        Assert.Single(await Store(db).ListAsync(model));
    }

    private static async Task<List<string>> TablesAsync(ClinicalGamDbContext ctx) =>
        await ctx.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'table'").ToListAsync();
}
