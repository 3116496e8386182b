using Bunit;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Web.Components.Pages;
using ClinicalGAM.Web.Components.Pages.Cohorts;
using ClinicalGAM.Web.Components.Pages.Fitting;
using ClinicalGAM.Web.Components.Pages.Models;
using ClinicalGAM.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.Web.Tests.Pages;

/// <summary>Every routed page names itself (and the cohort or model it shows) in the browser tab.</summary>
public sealed class PageTitleTests : WebTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>The text the page's &lt;PageTitle&gt; puts in the tab.</summary>
    private string Title<T>(IRenderedComponent<T> page) where T : IComponent
    {
        var title = ((IRenderedComponent<IComponent>)page).FindComponent<PageTitle>();
        return Ctx.Render(title.Instance.ChildContent!).Markup.Trim();
    }

    private async Task<int> SaveModelAsync(int cohortId)
    {
        var model = new GamModel(new ModelInfo { Engine = "ebm", Outcome = "smm", Features = ["hemoglobin_g_dl", "delivery_mode"] }, -1.5,
            [TestModels.Haemoglobin(), TestModels.DeliveryMode()]);
        var spec = new ModelSpecification { Outcome = "smm", Features = model.Info.Features, Seed = 3 };
        return await Store.SaveModelAsync(cohortId, "Hb model", model, spec, new ModelMetrics { TestAuc = 0.7, TestFraction = 0.2 });
    }

    [Fact]
    public void List_pages_have_fixed_titles()
    {
        Assert.Equal("Cohorts · ClinicalGAM", Title(Ctx.Render<CohortList>()));
        Assert.Equal("Models · ClinicalGAM", Title(Ctx.Render<ModelList>()));
        Assert.Equal("Fit jobs · ClinicalGAM", Title(Ctx.Render<FitJobs>()));
        Assert.Equal("Page not found · ClinicalGAM", Title(Ctx.Render<NotFound>()));
    }

    [Fact]
    public async Task Cohort_and_fit_pages_name_the_cohort()
    {
        int id = await Store.SaveCohortAsync(TestModels.SmallCohort(), "Hospital A 2019", "test");

        var cohort = Ctx.Render<CohortDetail>(p => p.Add(c => c.Id, id));
        var fit = Ctx.Render<FitPage>(p => p.Add(c => c.Id, id));

        // Wait for the loaded page, then read its title once (rendering the title inside a retry loop is fragile).
        cohort.WaitForElement("#cohort-title", Patience);
        fit.WaitForElement("#start-fit", Patience);
        Assert.Equal("Cohort Hospital A 2019 · ClinicalGAM", Title(cohort));
        Assert.Equal("Fit a model on Hospital A 2019 · ClinicalGAM", Title(fit));
    }

    [Fact]
    public void An_unknown_cohort_or_model_says_so_in_the_title()
    {
        var cohort = Ctx.Render<CohortDetail>(p => p.Add(c => c.Id, 99));
        var model = Ctx.Render<ModelPage>(p => p.Add(c => c.Id, 99));

        cohort.WaitForElement(".mud-alert", Patience);
        model.WaitForElement(".mud-alert", Patience);
        Assert.Equal("Cohort not found · ClinicalGAM", Title(cohort));
        Assert.Equal("Model not found · ClinicalGAM", Title(model));
    }

    [Fact]
    public async Task Model_and_compare_pages_name_the_models()
    {
        int cohort = await Store.SaveCohortAsync(TestModels.Cohort200(), "c200", "test");
        int a = await SaveModelAsync(cohort);
        int b = await SaveModelAsync(cohort);

        var model = Ctx.Render<ModelPage>(p => p.Add(c => c.Id, a));
        model.WaitForElement("#model-title", Patience);
        Assert.Equal("Model Hb model · ClinicalGAM", Title(model));
        Assert.Contains("External validation", model.Find("#validation-panel").TextContent);

        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"compare?a={a}&b={b}");
        var compare = Ctx.Render<ComparePage>();
        compare.WaitForElement("#compare-title", Patience);
        Assert.Equal("Compare Hb model and Hb model · ClinicalGAM", Title(compare));
    }
}
