using Bunit;
using ClinicalGAM.Web.Components.Pages.Cohorts;
using ClinicalGAM.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.Web.Tests.Cohorts;

public sealed class CohortHeaderTests : WebTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_column_count_includes_derived_features()
    {
        int id = await Store.SaveCohortAsync(TestModels.SmallCohort(), "small", "test");
        await Ctx.Services.GetRequiredService<CohortService>().AddDerivedAsync(id, "hb_half", "hemoglobin_g_dl / 2");

        var page = Ctx.Render<CohortDetail>(p => p.Add(c => c.Id, id));

        page.WaitForAssertion(() => Assert.Equal("5", page.Find("#column-count").TextContent), Patience);
        Assert.Equal("incl. 1 derived", page.Find("#derived-count").TextContent);
    }

    [Fact]
    public async Task Without_derived_features_the_count_is_the_uploaded_columns()
    {
        int id = await Store.SaveCohortAsync(TestModels.SmallCohort(), "small", "test");

        var page = Ctx.Render<CohortDetail>(p => p.Add(c => c.Id, id));

        page.WaitForAssertion(() => Assert.Equal("4", page.Find("#column-count").TextContent), Patience);
        Assert.Empty(page.FindAll("#derived-count"));
    }
}
