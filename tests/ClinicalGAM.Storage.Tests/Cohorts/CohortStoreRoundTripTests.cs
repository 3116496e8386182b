using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Storage.Tests.Cohorts;

public sealed class CohortStoreRoundTripTests
{
    [Fact]
    public async Task Load_returns_exactly_what_was_saved_including_missing_values_and_levels()
    {
        await using var db = await TestDatabase.CreateAsync();
        var table = SampleCohorts.Mixed(2_000);

        int id = await db.Cohorts.SaveAsync(table, "SMM 2012-2023", "/uploads/smm.csv");
        var loaded = await db.Cohorts.LoadAsync(id);

        CohortAssert.Identical(table, loaded);
        Assert.True(loaded["hemoglobin_g_dl"].MissingCount() > 0);
        Assert.True(loaded["delivery_mode"].MissingCount() > 0);
    }

    [Fact]
    public async Task A_cohort_larger_than_one_chunk_round_trips()
    {
        await using var db = await TestDatabase.CreateAsync();
        int rows = ColumnCodec.ChunkRows * 2 + 123; // three chunks, the last one partial
        var table = SampleCohorts.Mixed(rows);

        int id = await db.Cohorts.SaveAsync(table, "big", null);
        CohortAssert.Identical(table, await db.Cohorts.LoadAsync(id));
    }

    [Fact]
    public async Task Loading_selected_columns_keeps_the_cohort_column_order()
    {
        await using var db = await TestDatabase.CreateAsync();
        var table = SampleCohorts.Mixed(300);
        int id = await db.Cohorts.SaveAsync(table, "c", null);

        var part = await db.Cohorts.LoadAsync(id, ["smm", "hemoglobin_g_dl"]);

        Assert.Equal(["hemoglobin_g_dl", "smm"], part.Columns.Select(c => c.Name));
        CohortAssert.Identical(table["smm"], part["smm"]);
        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => db.Cohorts.LoadAsync(id, ["smm", "ferritin"]));
        Assert.Contains("ferritin", error.Message);
    }

    [Fact]
    public async Task An_empty_cohort_round_trips()
    {
        await using var db = await TestDatabase.CreateAsync();
        var table = new CohortTable([new NumericColumn("age", []), new CategoricalColumn("mode", [], [])]);

        int id = await db.Cohorts.SaveAsync(table, "empty", null);
        var loaded = await db.Cohorts.LoadAsync(id);

        Assert.Equal(0, loaded.RowCount);
        Assert.Equal(["age", "mode"], loaded.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task Unknown_cohort_is_reported_by_id()
    {
        await using var db = await TestDatabase.CreateAsync();
        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => db.Cohorts.LoadAsync(42));
        Assert.Contains("42", error.Message);
    }

    [Fact]
    public async Task List_summarises_without_loading_and_strips_the_upload_path()
    {
        await using var db = await TestDatabase.CreateAsync();
        int first = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(500), "first", "/tmp/x/first.csv");
        db.Clock.Advance(TimeSpan.FromMinutes(1));
        int second = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(100), "second", null);

        var list = await db.Cohorts.ListAsync();

        Assert.Equal([second, first], list.Select(s => s.Id));
        var s1 = list[1];
        Assert.Equal(("first", "first.csv", 500, 7), (s1.Name, s1.SourceFileName, s1.RowCount, s1.ColumnCount));
        Assert.True(s1.StoredBytes > 0);
        Assert.Equal(DateTimeKind.Utc, s1.CreatedUtc.Kind);
    }

    [Fact]
    public async Task Delete_removes_the_cohort_its_data_and_its_models()
    {
        await using var db = await TestDatabase.CreateAsync();
        int id = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(100), "c", null);
        await db.Models.SaveAsync(TestModels.New(id, "m"));

        Assert.True(await db.Cohorts.DeleteAsync(id));

        await using var ctx = await db.ContextAsync();
        Assert.Equal(0, ctx.CohortColumns.Count());
        Assert.Equal(0, ctx.CohortColumnChunks.Count());
        Assert.Equal(0, ctx.Models.Count());
        Assert.False(await db.Cohorts.DeleteAsync(id));
    }
}
