using Bunit;
using ClinicalGAM.Web.Components.Shared;

namespace ClinicalGAM.Web.Tests.Cohorts;

public sealed class MiniHistogramTests : WebTestContext
{
    [Fact]
    public void Bar_heights_are_proportional_to_counts()
    {
        var svg = Ctx.Render<MiniHistogram>(p => p.Add(c => c.Counts, new long[] { 10, 5, 0 }).Add(c => c.Height, 40));
        var heights = svg.FindAll("rect").Select(r => double.Parse(r.GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal([40.0, 20.0, 0.0], heights);
    }
}
