using ClinicalGAM.Core.Diagnostics.Metrics;

namespace ClinicalGAM.Core.Tests.Diagnostics.Metrics;

public class RegressionMetricsTests
{
    // Errors 0.5, 0, 1, 1: squared sum 2.25; SStot around mean 2.5 is 5.
    private static readonly double[] Y = [1, 2, 3, 4];
    private static readonly double[] Prediction = [1.5, 2, 2, 5];

    [Fact]
    public void Rmse() => Assert.Equal(0.75, RegressionMetrics.Rmse(Y, Prediction), 12);

    [Fact]
    public void Mae() => Assert.Equal(0.625, RegressionMetrics.Mae(Y, Prediction), 12);

    [Fact]
    public void RSquared() => Assert.Equal(0.55, RegressionMetrics.RSquared(Y, Prediction), 12);

    [Fact]
    public void PoissonDevianceHandlesZeroCounts() =>
        // Row 1: 0 - (0 - 1) = 1; row 2: 2 ln 2 - (2 - 1); mean times 2 = 2 ln 2.
        Assert.Equal(2 * Math.Log(2), RegressionMetrics.PoissonDeviance([0, 2], [1, 1]), 12);

    [Fact]
    public void PoissonDevianceRejectsNonPositiveMean() =>
        Assert.Throws<ArgumentException>(() => RegressionMetrics.PoissonDeviance([1], [0]));
}
