using ClinicalGAM.Core.Diagnostics.Goodhart;

namespace ClinicalGAM.Storage.Tests.Flags;

public sealed class GoodhartFlagMappingTests
{
    private static GoodhartFlag PlateletDrift() => new()
    {
        Feature = "platelets",
        Kind = GoodhartKind.Temporal,
        At = 2018,
        RangeLow = 50,
        RangeHigh = 150,
        Effect = -0.42,
        EffectLow = -0.61,
        EffectHigh = -0.23,
        Z = -4.3,
        P = 1.7e-5,
        Q = double.NaN,
        SamplesLeft = 9_000,
        SamplesRight = 6_500,
        Message = "Low platelets carry less risk from 2018 on: platelet-guided treatment started then.",
        Periods =
        [
            new PeriodCurve("2012-2017", 2012, 2017, 9_000, [50, 100, 150], [0.8, 0.3, 0.0], [0.1, 0.05, double.NaN], 0.31),
            new PeriodCurve("2018-2023", 2018, 2023, 6_500, [50, 100, 150], [0.3, 0.1, 0.0], [0.1, 0.06, 0.04], 0.12),
        ],
    };

    [Fact]
    public async Task An_analyzer_flag_is_stored_searchable_and_comes_back_whole()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "c", null);
        var model = await db.Models.SaveAsync(TestModels.New(cohort, "main"));
        var flag = PlateletDrift();

        await db.Flags.AppendAnalysisAsync(model.Id, [flag]);

        var stored = Assert.Single((await db.Flags.GetLatestRunAsync(model.Id))!.Flags);
        Assert.Equal(("platelets", "temporal", 2018.0, -0.42), (stored.Feature, stored.Kind, stored.At!.Value, stored.Effect!.Value));
        var back = stored.ToGoodhartFlag();
        Assert.NotNull(back);
        Assert.Equal((flag.Kind, flag.RangeLow, flag.Message), (back.Kind, back.RangeLow, back.Message));
        Assert.True(double.IsNaN(back.Q));
        Assert.Equal(2, back.Periods!.Count);
        Assert.Equal(flag.Periods![1].Score, back.Periods[1].Score);
        Assert.True(double.IsNaN(back.Periods[0].StandardError[2]));
    }

    [Fact]
    public void Kinds_are_named_as_in_the_cli_json()
    {
        Assert.Equal(["threshold", "direction", "temporal", "treatment", "heaping"],
            Enum.GetValues<GoodhartKind>().Select(GoodhartFlagMapping.KindName));
    }

    [Fact]
    public void A_record_without_analyzer_details_gives_no_flag()
    {
        var record = new GoodhartFlagRecord { Feature = "x", Kind = "threshold", Message = "m", DetailsJson = """{"nLeft":3}""" };
        Assert.Null(record.ToGoodhartFlag());
        Assert.Null(new GoodhartFlagRecord { Feature = "x", Kind = "threshold", Message = "m" }.ToGoodhartFlag());
    }
}
