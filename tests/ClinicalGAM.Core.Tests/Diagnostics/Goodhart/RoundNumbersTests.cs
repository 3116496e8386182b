using ClinicalGAM.Core.Diagnostics.Goodhart;

namespace ClinicalGAM.Core.Tests.Diagnostics.Goodhart;

public class RoundNumbersTests
{
    [Theory]
    [InlineData(6.9, 7.05, 6.95, 7, 1)]
    [InlineData(155.3, 162, 160.1, 160, 10)]
    [InlineData(0.13, 0.17, 0.15, 0.15, 0.05)]
    [InlineData(98, 103, 101, 100, 100)]
    [InlineData(142.2, 147.9, 145, 145, 5)]
    public void Roundest_number_in_an_interval_at_its_own_scale(double low, double high, double near, double value, double grain)
    {
        var (v, g) = RoundNumbers.Roundest(low, high, near);

        Assert.Equal(value, v, 9);
        Assert.Equal(grain, g, 9);
    }
}
