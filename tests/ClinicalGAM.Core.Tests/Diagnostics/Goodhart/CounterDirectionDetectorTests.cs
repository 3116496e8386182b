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
}
