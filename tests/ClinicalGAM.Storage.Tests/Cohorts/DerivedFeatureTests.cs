namespace ClinicalGAM.Storage.Tests.Cohorts;

public sealed class DerivedFeatureTests
{
    [Fact]
    public async Task Definitions_are_listed_in_the_order_they_were_added()
    {
        await using var db = await TestDatabase.CreateAsync();
        int id = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);

        await db.Cohorts.AddDerivedFeatureAsync(id, "ratio", "baby_weight_g / maternal_height_cm", "baby size for mother size");
        await db.Cohorts.AddDerivedFeatureAsync(id, "log_ratio", "log(ratio)");

        var list = await db.Cohorts.ListDerivedFeaturesAsync(id);
        Assert.Equal(["ratio", "log_ratio"], list.Select(d => d.Name));
        Assert.Equal("baby_weight_g / maternal_height_cm", list[0].Formula);
        Assert.Equal("baby size for mother size", list[0].Description);
    }

    [Fact]
    public async Task A_name_already_used_by_a_column_or_a_derived_feature_is_refused()
    {
        await using var db = await TestDatabase.CreateAsync();
        int id = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        await db.Cohorts.AddDerivedFeatureAsync(id, "ratio", "a / b");

        var twice = await Assert.ThrowsAsync<ArgumentException>(() => db.Cohorts.AddDerivedFeatureAsync(id, "ratio", "a * b"));
        var column = await Assert.ThrowsAsync<ArgumentException>(() => db.Cohorts.AddDerivedFeatureAsync(id, "smm", "a * b"));

        Assert.Contains("ratio", twice.Message);
        Assert.Contains("smm", column.Message);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => db.Cohorts.AddDerivedFeatureAsync(id + 1, "x", "a"));
    }

    [Fact]
    public async Task Delete_removes_only_the_named_definition()
    {
        await using var db = await TestDatabase.CreateAsync();
        int id = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        await db.Cohorts.AddDerivedFeatureAsync(id, "a", "x + 1");
        await db.Cohorts.AddDerivedFeatureAsync(id, "b", "x + 2");

        Assert.True(await db.Cohorts.DeleteDerivedFeatureAsync(id, "a"));
        Assert.False(await db.Cohorts.DeleteDerivedFeatureAsync(id, "a"));
        Assert.Equal(["b"], (await db.Cohorts.ListDerivedFeaturesAsync(id)).Select(d => d.Name));
    }
}
