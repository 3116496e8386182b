using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Storage.Tests.Cohorts;

public sealed class DataDictionaryTests
{
    [Fact]
    public async Task A_new_cohort_has_a_dictionary_entry_per_column_with_kind_and_missing_count()
    {
        await using var db = await TestDatabase.CreateAsync();
        var table = SampleCohorts.Mixed(500);
        int id = await db.Cohorts.SaveAsync(table, "c", null);

        var dictionary = await db.Cohorts.GetDictionaryAsync(id);

        Assert.Equal(table.Columns.Select(c => c.Name), dictionary.Select(e => e.Name));
        Assert.Equal(table.Columns.Select(c => c.Kind), dictionary.Select(e => e.Kind));
        Assert.Equal(table.Columns.Select(c => c.MissingCount()), dictionary.Select(e => e.MissingCount));
        Assert.Equal(3, dictionary.Single(e => e.Name == "delivery_mode").LevelCount);
        Assert.All(dictionary, e => Assert.Equal(new ColumnAnnotation(), e.Annotation));
    }

    [Fact]
    public async Task Edits_are_kept_and_blank_text_means_not_given()
    {
        await using var db = await TestDatabase.CreateAsync();
        int id = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(100), "c", null);

        bool updated = await db.Cohorts.UpdateDictionaryEntryAsync(id, "hemoglobin_g_dl",
            new ColumnAnnotation(" Haemoglobin ", "g/dL", ExpectedRiskDirection.Decreasing, 4.5, false));
        await db.Cohorts.UpdateDictionaryEntryAsync(id, "delivery_mode", new ColumnAnnotation("  ", "", IsSensitive: true));

        Assert.True(updated);
        var entries = (await db.Cohorts.GetDictionaryAsync(id)).ToDictionary(e => e.Name);
        Assert.Equal(new ColumnAnnotation("Haemoglobin", "g/dL", ExpectedRiskDirection.Decreasing, 4.5, false),
            entries["hemoglobin_g_dl"].Annotation);
        Assert.Equal("Haemoglobin (g/dL)", entries["hemoglobin_g_dl"].AxisTitle);
        Assert.Equal(new ColumnAnnotation(IsSensitive: true), entries["delivery_mode"].Annotation);
        Assert.Equal("delivery_mode", entries["delivery_mode"].AxisTitle);
        Assert.False(await db.Cohorts.UpdateDictionaryEntryAsync(id, "no_such_column", new ColumnAnnotation()));
    }

    [Fact]
    public async Task Declared_directions_are_handed_out_as_plus_or_minus_one()
    {
        await using var db = await TestDatabase.CreateAsync();
        int id = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        await db.Cohorts.UpdateDictionaryEntryAsync(id, "systolic_bp", new ColumnAnnotation(ExpectedDirection: ExpectedRiskDirection.Increasing));
        await db.Cohorts.UpdateDictionaryEntryAsync(id, "hemoglobin_g_dl", new ColumnAnnotation(ExpectedDirection: ExpectedRiskDirection.Decreasing));

        var directions = await db.Cohorts.GetExpectedDirectionsAsync(id);

        Assert.Equal(new Dictionary<string, int> { ["systolic_bp"] = 1, ["hemoglobin_g_dl"] = -1 }, directions);
    }

    [Fact]
    public async Task A_negative_measurement_cost_is_refused()
    {
        await using var db = await TestDatabase.CreateAsync();
        int id = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        await Assert.ThrowsAsync<ArgumentException>(() =>
            db.Cohorts.UpdateDictionaryEntryAsync(id, "smm", new ColumnAnnotation(MeasurementCost: -1)));
    }

    [Fact]
    public async Task Profiles_are_cached_per_column()
    {
        await using var db = await TestDatabase.CreateAsync();
        int id = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);

        Assert.True(await db.Cohorts.SaveProfileAsync(id, "smm", """{"missing":0}"""));

        var profiles = await db.Cohorts.GetProfilesAsync(id);
        Assert.Equal("""{"missing":0}""", Assert.Single(profiles, p => p.Key == "smm").Value);
        Assert.Single(profiles);
    }

    [Fact]
    public async Task Replacing_a_column_keeps_its_position_and_annotation_and_adding_appends()
    {
        await using var db = await TestDatabase.CreateAsync();
        var table = SampleCohorts.Mixed(400);
        int id = await db.Cohorts.SaveAsync(table, "c", null);
        var note = new ColumnAnnotation("Delivery year", null, ExpectedRiskDirection.Unspecified, null, false);
        await db.Cohorts.UpdateDictionaryEntryAsync(id, "delivery_year", note);

        var asCategories = table["delivery_year"].WithKind(ColumnKind.Categorical);
        await db.Cohorts.SaveColumnAsync(id, asCategories);
        var ratio = new NumericColumn("hb_per_sbp", Enumerable.Range(0, 400).Select(i => i / 400.0).ToArray());
        await db.Cohorts.SaveColumnAsync(id, ratio);

        var loaded = await db.Cohorts.LoadAsync(id);
        Assert.Equal(table.Columns.Select(c => c.Name).Append("hb_per_sbp"), loaded.Columns.Select(c => c.Name));
        CohortAssert.Identical(asCategories, loaded["delivery_year"]);
        CohortAssert.Identical(ratio, loaded["hb_per_sbp"]);
        Assert.Equal(note, (await db.Cohorts.GetDictionaryAsync(id)).Single(e => e.Name == "delivery_year").Annotation);
        await Assert.ThrowsAsync<ArgumentException>(() => db.Cohorts.SaveColumnAsync(id, new NumericColumn("short", [1.0])));
    }
}
