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

    [Fact]
    public async Task The_cohort_list_counts_derived_columns_as_the_cohort_page_does()
    {
        int id = await Store.SaveCohortAsync(TestModels.SmallCohort(), "small", "test");
        int other = await Store.SaveCohortAsync(TestModels.SmallCohort(), "plain", "test");
        var cohorts = Ctx.Services.GetRequiredService<CohortService>();
        await cohorts.AddDerivedAsync(id, "hb_half", "hemoglobin_g_dl / 2");
        await cohorts.AddDerivedAsync(id, "hb_quarter", "hb_half / 2");

        var list = await cohorts.ListAsync();

        Assert.Equal(6, list.Single(c => c.Id == id).Columns);
        Assert.Equal(4, list.Single(c => c.Id == other).Columns);
        Assert.Equal((await cohorts.OverviewAsync(id)).ColumnCount, list.Single(c => c.Id == id).Columns);
    }
}
