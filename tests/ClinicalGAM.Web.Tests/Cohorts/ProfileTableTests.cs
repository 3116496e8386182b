using Bunit;
using ClinicalGAM.Web.Components.Pages.Cohorts;
using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Web.Tests.Cohorts;

public sealed class ProfileTableTests : WebTestContext
{
    [Fact]
    public void Shows_each_columns_type_and_missing_percentage()
    {
        var profiles = TestModels.SmallCohort().Columns.Select(c => ColumnProfiler.Profile(c)).ToList();
        var table = Ctx.Render<ProfileTable>(p => p.Add(c => c.Columns, profiles));

        var hbRow = table.FindAll("tr").Single(r => r.TextContent.Contains("hemoglobin_g_dl"));
        Assert.Equal("25.0%", hbRow.QuerySelector(".missing-cell")!.TextContent.Trim());
        Assert.Contains("Numeric", hbRow.TextContent);
        Assert.Contains("9.1", hbRow.TextContent); // min
        var modeRow = table.FindAll("tr").Single(r => r.TextContent.Contains("delivery_mode"));
        Assert.Equal("0.0%", modeRow.QuerySelector(".missing-cell")!.TextContent.Trim());
        Assert.Equal(2, modeRow.QuerySelectorAll("svg.mini-histogram rect").Length); // one bar per level
    }
}
