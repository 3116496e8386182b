namespace ClinicalGAM.Storage.Tests.Analyses;

public sealed class AnalysisResultStoreTests
{
    [Fact]
    public async Task The_newest_result_of_each_kind_is_returned_and_a_deleted_model_takes_its_results()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        var model = await db.Models.SaveAsync(TestModels.New(cohort, "main"));
        var store = db.Analyses;

        await store.AddAsync(model.Id, AnalysisKinds.Fairness, 42, """{"strength":0.5}""", """{"auc":0.7}""", "ann", 12.5);
        db.Clock.Advance(TimeSpan.FromMinutes(1));
        await store.AddAsync(model.Id, AnalysisKinds.MeasurementValue, 7, "{}", """{"auc":0.8}""", "bob", 30);
        db.Clock.Advance(TimeSpan.FromMinutes(1));
        await store.AddAsync(model.Id, AnalysisKinds.Fairness, 43, """{"strength":1}""", """{"auc":0.68}""", "ann", double.NaN);

        var fair = await store.LatestAsync(model.Id, AnalysisKinds.Fairness);
        Assert.Equal((43, """{"strength":1}""", """{"auc":0.68}""", "ann", 0.0), (fair!.Seed, fair.SettingsJson, fair.ResultJson, fair.Who, fair.Seconds));
        Assert.Equal(DateTimeKind.Utc, fair.CreatedUtc.Kind);
        Assert.Equal("bob", (await store.LatestAsync(model.Id, AnalysisKinds.MeasurementValue))!.Who);
        Assert.Equal([43, 7, 42], (await store.ListAsync(model.Id)).Select(a => a.Seed));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.AddAsync(model.Id + 9, AnalysisKinds.Fairness, 1, "{}", "{}", "x", 1));

        await db.Models.DeleteAsync(model.Id);
        Assert.Null(await store.LatestAsync(model.Id, AnalysisKinds.Fairness));
    }
}
