using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Goodhart;

namespace ClinicalGAM.Core.Tests.Diagnostics.Goodhart;

public class CounterDirectionDetectorTests
{
    private static IReadOnlyList<GoodhartFlag> Detect(GoodhartOptions options, params ClinicalGAM.Core.Modeling.GamTerm[] terms) =>
        new CounterDirectionDetector().Detect(new GoodhartContext { Model = HandBuiltTerms.Model(terms), Options = options });

    [Fact]
    public void Range_going_against_a_declared_direction_is_flagged_there()
    {
        // "Higher marker, higher risk", but risk dips by 0.8 between 10 and 13 (a treated range).
        var term = HandBuiltTerms.Build("marker", x => 0.05 * x - (x is >= 10 and < 13 ? 0.8 : 0), seed: 5);
        var options = new GoodhartOptions { ExpectedDirections = new Dictionary<string, int> { ["marker"] = 1 } };

        var flag = Assert.Single(Detect(options, term));

        Assert.Equal(GoodhartKind.Direction, flag.Kind);
        Assert.True(flag.Effect < -0.5);
        Assert.True(flag.EffectHigh < 0);
        Assert.InRange(flag.RangeLow, 5, 11);
        Assert.InRange(flag.RangeHigh, 10, 14);
    }

    [Fact]
    public void Curve_following_the_declared_direction_is_not_flagged()
    {
        var term = HandBuiltTerms.Staircase("marker", x => 0.08 * x, seed: 6, stepHeight: 0.2);
        var options = new GoodhartOptions { ExpectedDirections = new Dictionary<string, int> { ["marker"] = 1 } };

        Assert.Empty(Detect(options, term));
    }

    [Fact]
    public void Without_a_declared_or_library_direction_nothing_is_tested()
    {
        var term = HandBuiltTerms.Build("marker", x => -0.1 * x, seed: 7);

        Assert.Empty(Detect(new GoodhartOptions(), term));
    }

    [Fact]
    public void Library_direction_applies_only_inside_its_range()
    {
        // Platelets: low counts raise risk below 150; the rise above 150 here is outside the expectation's range.
        var platelets = HandBuiltTerms.Build("platelets", x => x < 150 ? -0.005 * (x - 150) : 0.004 * (x - 150), seed: 8, from: 20.02, to: 400, step: 5);

        Assert.Empty(Detect(new GoodhartOptions(), platelets));
    }

    /// <summary>
    /// 20,000 patients with marker uniform on 0-20 and the outcome drawn from <paramref name="dataTruth"/> (seeded); the
    /// model's term follows <paramref name="modelTruth"/>, so the bags and the data can be made to disagree.
    /// </summary>
    private static GoodhartContext WithData(Func<double, double> dataTruth, Func<double, double> modelTruth, int seed)
    {
        var rng = new Random(seed);
        int rows = 20_000;
        var x = new double[rows]; var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            x[i] = Math.Round(20 * rng.NextDouble(), 2);
            y[i] = rng.NextDouble() < 1 / (1 + Math.Exp(2 - dataTruth(x[i]))) ? 1 : 0;
        }
        var data = new CohortTable([new NumericColumn("marker", x), new NumericColumn("event", y, ColumnKind.Binary)]);
        var term = HandBuiltTerms.Build("marker", modelTruth, seed);
        return new GoodhartContext
        {
            Model = HandBuiltTerms.Model("event", term),
            Data = data,
            Options = new GoodhartOptions { ExpectedDirections = new Dictionary<string, int> { ["marker"] = 1 } },
        };
    }

    private static double Dip(double x) => 0.05 * x - (x is >= 10 and < 13 ? 0.8 : 0);

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void With_the_cohort_the_range_is_tested_on_the_data_with_a_ci_on_both_scales(int seed)
    {
        var flag = Assert.Single(new CounterDirectionDetector().Run(WithData(Dip, Dip, seed)).Flags);

        Assert.Contains("local penalised fit on the data", flag.Evidence);
        Assert.InRange(flag.Effect, -1.3, -0.3);
        Assert.True(flag.EffectLow < flag.Effect && flag.Effect < flag.EffectHigh && flag.EffectHigh < 0);
        Assert.True(flag.RiskDifference < 0 && flag.RiskDifferenceLow < flag.RiskDifference && flag.RiskDifferenceHigh < 0,
            $"risk difference {flag.RiskDifference} ({flag.RiskDifferenceLow} to {flag.RiskDifferenceHigh})");
        Assert.InRange(flag.RangeLow, 0, 11);
        Assert.InRange(flag.RangeHigh, 10, 14);
    }

    [Fact]
    public void A_dip_in_the_bags_that_the_data_do_not_show_is_not_flagged()
    {
        // Bags dip between 10 and 13; the patients' risk rises steadily.
        var context = WithData(x => 0.05 * x, Dip, seed: 13);

        Assert.Single(new CounterDirectionDetector().Detect(context with { Data = null }));
        Assert.Empty(new CounterDirectionDetector().Detect(context));
    }

    [Fact]
    public void A_separated_range_is_not_testable_and_never_flagged()
    {
        // No events at all between 10 and 13 (and certain events above), so the local fit is separated.
        var context = WithData(x => x is >= 10 and < 13 ? -40 : x >= 13 ? 40 : 0.05 * x, Dip, seed: 14);

        var report = new CounterDirectionDetector().Run(context);

        Assert.Empty(report.Flags);
        var entry = Assert.Single(report.NotTestable);
        Assert.Equal(("marker", "direction"), (entry.Feature, entry.Kind));
        Assert.DoesNotContain("NaN", GoodhartFlagJson.Serialize(report));
    }
}
