namespace ClinicalGAM.Storage.Tests.Flags;

public sealed class FlagStoreTests
{
    private static FlagEntry Threshold(string feature, double at, double effect) =>
        new(feature, "threshold", at, effect, effect - 0.1, effect + 0.1, 4.2, 2.7e-5,
            $"Risk drops just past {feature} {at}, against the trend.", """{"nLeft":120,"nRight":80}""");

    [Fact]
    public async Task Re_running_adds_a_run_and_keeps_the_earlier_ones()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        var model = await db.Models.SaveAsync(TestModels.New(cohort, "main"));

        await db.Flags.AppendRunAsync(model.Id, [Threshold("systolic_bp", 160, -0.4), Threshold("hemoglobin_g_dl", 7, -0.3)]);
        db.Clock.Advance(TimeSpan.FromHours(1));
        await db.Flags.AppendRunAsync(model.Id, [Threshold("systolic_bp", 160, -0.5)], """{"fdr":0.05}""");

        var runs = await db.Flags.ListRunsAsync(model.Id);
        Assert.Equal([1, 2], runs.Select(r => r.FlagCount).Order());
        var latest = (await db.Flags.GetLatestRunAsync(model.Id))!;
        Assert.Equal(-0.5, Assert.Single(latest.Flags).Effect);
        Assert.Equal("""{"fdr":0.05}""", latest.SettingsJson);
        Assert.Equal(2, runs[1].Flags.Count); // the first run is intact
    }

    [Fact]
    public async Task A_run_that_found_nothing_is_recorded_as_such()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        var model = await db.Models.SaveAsync(TestModels.New(cohort, "main"));
        Assert.Null(await db.Flags.GetLatestRunAsync(model.Id)); // never checked

        await db.Flags.AppendRunAsync(model.Id, [Threshold("systolic_bp", 160, -0.4)]);
        db.Clock.Advance(TimeSpan.FromMinutes(1));
        await db.Flags.AppendRunAsync(model.Id, []);

        var latest = (await db.Flags.GetLatestRunAsync(model.Id))!;
        Assert.Equal(0, latest.FlagCount);
        Assert.Empty(latest.Flags);
    }

    [Fact]
    public async Task Feature_history_spans_every_version_of_the_lineage_only()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        var v1 = await db.Models.SaveAsync(TestModels.New(cohort, "main"));
        var v2 = await db.Models.SaveAsync(TestModels.New(cohort, "main"));
        var other = await db.Models.SaveAsync(TestModels.New(cohort, "other"));

        await db.Flags.AppendRunAsync(v1.Id, [Threshold("systolic_bp", 160, -0.40), Threshold("platelets", 100, 0.2)]);
        db.Clock.Advance(TimeSpan.FromDays(1));
        await db.Flags.AppendRunAsync(v2.Id, [Threshold("systolic_bp", 160, -0.35)]);
        await db.Flags.AppendRunAsync(other.Id, [Threshold("systolic_bp", 150, -0.1)]);

        var history = await db.Flags.GetFeatureHistoryAsync(v2.Id, "systolic_bp");

        Assert.Equal([(v1.Id, -0.40), (v2.Id, -0.35)], history.Select(f => (f.ModelId, f.Effect!.Value)));
    }

    [Fact]
    public async Task Numbers_that_are_not_finite_are_stored_as_not_given()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        var model = await db.Models.SaveAsync(TestModels.New(cohort, "main"));

        await db.Flags.AppendRunAsync(model.Id,
            [new FlagEntry("platelets", "temporal", 2018, -0.3, double.NaN, double.PositiveInfinity, double.NaN, 0.001, "Fades after 2018.")]);

        var flag = Assert.Single((await db.Flags.GetLatestRunAsync(model.Id))!.Flags);
        Assert.Equal((2018.0, -0.3, 0.001), (flag.At!.Value, flag.Effect!.Value, flag.P!.Value));
        Assert.Null(flag.EffectLow);
        Assert.Null(flag.EffectHigh);
        Assert.Null(flag.Z);
    }
}
