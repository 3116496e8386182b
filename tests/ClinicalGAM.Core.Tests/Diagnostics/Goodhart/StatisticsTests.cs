using ClinicalGAM.Core.Diagnostics.Goodhart;

namespace ClinicalGAM.Core.Tests.Diagnostics.Goodhart;

public class StatisticsTests
{
    [Theory]
    [InlineData(1.959963984540054, double.PositiveInfinity, 0.05)]
    [InlineData(2.364624251592785, 7, 0.05)]
    [InlineData(3.499483297350, 7, 0.01)]
    [InlineData(12.7062047361747, 1, 0.05)]
    public void Two_sided_p_values_match_tables(double t, double df, double p) =>
        Assert.Equal(p, Statistics.StudentTwoSidedP(t, df), 4);

    [Fact]
    public void Quantile_inverts_the_p_value() =>
        Assert.Equal(2.364624251592785, Statistics.StudentQuantile975(7), 6);

    [Fact]
    public void Benjamini_Hochberg_with_equal_weights_is_the_textbook_step_up()
    {
        double[] p = [0.01, 0.04, 0.03, 0.005];

        var q = Statistics.WeightedBenjaminiHochberg(p, [1, 1, 1, 1]);

        Assert.Equal([0.02, 0.04, 0.04, 0.02], q.Select(v => Math.Round(v, 10)).ToArray());
    }

    [Fact]
    public void Prior_weight_moves_alpha_to_the_favoured_hypothesis()
    {
        double[] p = [0.02, 0.02, 0.5, 0.5];

        var q = Statistics.WeightedBenjaminiHochberg(p, [3, 0.33, 0.33, 0.33]);

        Assert.True(q[0] <= 0.05);
        Assert.True(q[1] > 0.05);
    }
}
