using Bunit;
using ClinicalGAM.Core.Diagnostics.Fairness;
using ClinicalGAM.Core.Diagnostics.MeasurementValue;
using ClinicalGAM.Web.Components.Pages.Analysis;

namespace ClinicalGAM.Web.Tests.Analysis;

public sealed class TradeOffTableTests : WebTestContext
{
    private static TradeOffPoint Point(double strength, double dp, double cost) => new(strength, 0.2 * (1 - strength), strength == 0 ? 1 : 11,
        0.85 + cost, 0.82 + cost, 0.88 + cost, new Difference(cost, cost - 0.01, cost + 0.01),
        new Difference(dp, dp - 0.03, dp + 0.04), new Difference(0.1, 0.05, 0.15), new Difference(dp - 0.01, dp - 0.04, dp + 0.02), new Difference(0.1, 0.05, 0.15), dp / 2);

    [Fact]
    public void Each_strength_is_a_row_with_its_bound_mixture_size_AUC_cost_and_disparities_with_CIs()
    {
        var table = Ctx.Render<TradeOffTable>(p => p.Add(c => c.Points, [Point(0, 0.28, 0), Point(1, 0.01, -0.023)]));
        var rows = table.FindAll("#tradeoff-table tbody tr");
        Assert.Equal(2, rows.Count);
        var strongest = rows[1].Children.Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal("1", strongest[0]);
        Assert.Equal("0.000", strongest[1]);
        Assert.Equal("11", strongest[2]);
        Assert.Equal("0.827 (0.797–0.857)", strongest[3]);
        Assert.Equal("-0.023 (-0.033 to -0.013)", strongest[4]);
        Assert.Equal("0.010 (-0.020–0.050)", strongest[5]);
        Assert.Equal("0.000 (-0.030–0.030)", strongest[7]);
        Assert.Equal("0.000 (-0.010 to +0.010)", rows[0].Children[4].TextContent.Trim());
    }
}
