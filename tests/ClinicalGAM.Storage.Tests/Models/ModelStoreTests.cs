namespace ClinicalGAM.Storage.Tests.Models;

public sealed class ModelStoreTests
{
    [Fact]
    public async Task Versions_increase_within_a_lineage_and_start_at_one_for_a_new_one()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        int other = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "d", null);

        var v1 = await db.Models.SaveAsync(TestModels.New(cohort, "main"));
        var v2 = await db.Models.SaveAsync(TestModels.New(cohort, "main"));
        var side = await db.Models.SaveAsync(TestModels.New(cohort, "no labs"));
        var v3 = await db.Models.SaveAsync(TestModels.New(cohort, " main "));
        var elsewhere = await db.Models.SaveAsync(TestModels.New(other, "main"));

        Assert.Equal((1, 2, 3), (v1.Version, v2.Version, v3.Version));
        Assert.Equal(1, side.Version);
        Assert.Equal(1, elsewhere.Version);
        Assert.Equal([1, 2, 3], (await db.Models.ListVersionsAsync(cohort, "main")).Select(m => m.Version));
        Assert.Equal("main v3", v3.DisplayName);
    }

    [Fact]
    public async Task Concurrent_saves_never_share_a_version()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);

        var saved = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => db.Models.SaveAsync(TestModels.New(cohort, "main")))));

        Assert.Equal([1, 2, 3, 4, 5, 6], saved.Select(m => m.Version).Order());
    }

    [Fact]
    public async Task Get_returns_the_model_json_and_list_returns_summaries_newest_first()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        var first = await db.Models.SaveAsync(TestModels.New(cohort, "a", """{"terms":[1]}"""));
        db.Clock.Advance(TimeSpan.FromSeconds(5));
        var second = await db.Models.SaveAsync(TestModels.New(cohort, "b"));

        var full = await db.Models.GetAsync(first.Id);
        var list = await db.Models.ListAsync(cohort);

        Assert.NotNull(full);
        Assert.Equal("""{"terms":[1]}""", full.ModelJson);
        Assert.Equal((20261125, "stratified 20% holdout", 12.5), (full.SplitSeed, full.TestRowsDescription, full.FitSeconds));
        Assert.Equal([second.Id, first.Id], list.Select(m => m.Id));
        Assert.Null(await db.Models.GetAsync(9999));
    }

    [Fact]
    public async Task Metrics_can_be_replaced_later()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        var m = await db.Models.SaveAsync(TestModels.New(cohort, "a"));

        Assert.True(await db.Models.UpdateMetricsAsync(m.Id, """{"auc":0.83,"blackBoxAuc":0.84}"""));

        Assert.Equal("""{"auc":0.83,"blackBoxAuc":0.84}""", (await db.Models.GetSummaryAsync(m.Id))!.MetricsJson);
    }

    [Fact]
    public async Task Saving_for_an_unknown_cohort_is_refused()
    {
        await using var db = await TestDatabase.CreateAsync();
        await Assert.ThrowsAsync<KeyNotFoundException>(() => db.Models.SaveAsync(TestModels.New(77, "a")));
    }

    [Fact]
    public async Task Saved_specifications_outlive_their_cohort()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        var spec = await db.Specs.SaveAsync("SMM default", """{"outcome":"smm"}""", cohort);

        await db.Cohorts.DeleteAsync(cohort);

        var kept = await db.Specs.GetAsync(spec.Id);
        Assert.NotNull(kept);
        Assert.Null(kept.CohortId);
        Assert.Equal("""{"outcome":"smm"}""", kept.SpecJson);
    }
}
