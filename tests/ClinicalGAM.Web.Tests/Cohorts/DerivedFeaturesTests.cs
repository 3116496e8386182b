using AngleSharp.Dom;
using Bunit;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Web.Components.Pages.Cohorts;
using ClinicalGAM.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.Web.Tests.Cohorts;

public sealed class DerivedFeaturesTests : WebTestContext
{
    private CohortService Cohorts => Ctx.Services.GetRequiredService<CohortService>();

    private static IElement Input(IRenderedComponent<DerivedFeaturesCard> card, string cls) => card.Find($".{cls} input");

    [Fact]
    public async Task A_saved_derived_feature_becomes_a_column_with_a_profile()
    {
        int id = await Store.SaveCohortAsync(TestModels.SmallCohort(), "small", "test");
        var before = await Cohorts.OverviewAsync(id);

        await Cohorts.AddDerivedAsync(id, "hb_double", "hemoglobin_g_dl * 2");

        var table = await Cohorts.TableAsync(id);
        var column = Assert.IsType<NumericColumn>(table.Find("hb_double"));
        Assert.Equal(22.4, column[0], 9);
        Assert.True(double.IsNaN(column[1]));
        var overview = await Cohorts.OverviewAsync(id);
        Assert.Equal(before.Columns.Count + 1, overview.Columns.Count);
        var profile = overview.Columns.Single(c => c.Name == "hb_double");
        Assert.Equal(1, profile.MissingCount);
        Assert.Equal(25.0, profile.Max, 9);
        // The raw upload is untouched.
        Assert.False((await Cohorts.RawTableAsync(id)).Contains("hb_double"));
    }

    [Fact]
    public async Task An_invalid_formula_is_refused_and_a_deleted_feature_disappears()
    {
        int id = await Store.SaveCohortAsync(TestModels.SmallCohort(), "small", "test");
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Cohorts.AddDerivedAsync(id, "x", "no_such_column / 2"));
        Assert.Contains("no_such_column", ex.Message);
        Assert.Empty(await Store.ListDerivedFeaturesAsync(id));

        await Cohorts.AddDerivedAsync(id, "hb_log", "log(hemoglobin_g_dl)");
        Assert.True((await Cohorts.TableAsync(id)).Contains("hb_log"));
        Assert.True(await Cohorts.DeleteDerivedAsync(id, "hb_log"));
        Assert.False((await Cohorts.TableAsync(id)).Contains("hb_log"));
    }

    [Fact]
    public async Task The_card_validates_as_typed_previews_and_saves()
    {
        int id = await Store.SaveCohortAsync(TestModels.SmallCohort(), "small", "test");
        var card = Ctx.Render<DerivedFeaturesCard>(p => p.Add(c => c.CohortId, id));
        card.WaitForElement(".derived-formula input", TimeSpan.FromSeconds(10));

        Input(card, "derived-name").Input("hb_ratio");
        Input(card, "derived-formula").Input("hemoglobin_g_dl / nope");
        card.WaitForAssertion(() => Assert.Contains("nope", card.Find(".derived-errors").TextContent), TimeSpan.FromSeconds(10));
        Assert.True(card.Find("#derived-save").HasAttribute("disabled"));
        Assert.Empty(card.FindAll(".derived-preview"));

        Input(card, "derived-formula").Input("hemoglobin_g_dl / 2");
        card.WaitForAssertion(() => Assert.Empty(card.FindAll(".derived-errors")), TimeSpan.FromSeconds(10));
        var values = card.FindAll(".derived-value").Select(v => v.TextContent.Trim()).ToList();
        Assert.Equal(["5.6", "missing", "4.55", "6.25"], values);
        Assert.Contains("1 of 4 rows missing", card.Find(".derived-summary").TextContent);

        card.Find("#derived-save").Click();
        card.WaitForAssertion(() => Assert.Contains("hb_ratio", card.Find(".derived-list").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal("hb_ratio", Assert.Single(await Store.ListDerivedFeaturesAsync(id)).Name);
        Assert.True((await Cohorts.TableAsync(id)).Contains("hb_ratio"));

        card.Find(".derived-delete").Click();
        card.WaitForAssertion(() => Assert.Empty(card.FindAll(".derived-list")), TimeSpan.FromSeconds(10));
        Assert.Empty(await Store.ListDerivedFeaturesAsync(id));
    }

    [Fact]
    public async Task Division_by_zero_is_reported_in_the_preview()
    {
        int id = await Store.SaveCohortAsync(TestModels.SmallCohort(), "small", "test");
        var card = Ctx.Render<DerivedFeaturesCard>(p => p.Add(c => c.CohortId, id));
        card.WaitForElement(".derived-formula input", TimeSpan.FromSeconds(10));

        Input(card, "derived-name").Input("inv");
        Input(card, "derived-formula").Input("1 / (smm - smm)");

        card.WaitForAssertion(() => Assert.Contains("division by zero", card.Find(".derived-missing").TextContent), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_fit_can_use_a_derived_feature_and_the_model_remembers_its_formula()
    {
        int id = await Store.SaveCohortAsync(TestModels.Cohort200(), "c200", "test");
        var cohorts = Cohorts;
        await cohorts.AddDerivedAsync(id, "hb_sq", "hemoglobin_g_dl * hemoglobin_g_dl");
        var jobs = Ctx.Services.GetRequiredService<FitJobService>();
        var spec = new ModelSpecification
        {
            Outcome = "smm", Features = ["hb_sq", "delivery_mode"], Engine = Modeling.DefaultEngine, Bags = 1, Interactions = 0, Seed = 3,
        };

        var job = jobs.Start(id, "derived", spec);
        for (int i = 0; i < 600 && job.IsActive; i++) await Task.Delay(50);

        Assert.True(job.Status == FitStatus.Succeeded, job.Error);
        var model = (await Store.FindModelAsync(job.ModelId!.Value))!.Model;
        Assert.Contains(model.Terms, t => t.Name == "hb_sq");
        Assert.Equal("hb_sq", Assert.Single(model.Info.DerivedFeatures).Name);

        // Deleting the definition later does not change the model's page: it recomputes the column from the model's own
        // definition (a lacking column would otherwise silently score as all-missing).
        var expected = model.Predict(await cohorts.TableAsync(id));
        await cohorts.DeleteDerivedAsync(id, "hb_sq");
        Assert.False((await cohorts.TableAsync(id)).Contains("hb_sq"));
        var view = await Ctx.Services.GetRequiredService<ModelViewService>().GetAsync(job.ModelId!.Value);
        Assert.NotNull(view);
        Assert.Equal(job.ModelId, view.Entry.Id);
        Assert.Equal(view.Test.Rows.Select(r => expected[r]), view.Test.Risk);
    }

    [Fact]
    public async Task Saving_on_the_cohort_page_adds_the_column_to_its_profile()
    {
        int id = await Store.SaveCohortAsync(TestModels.SmallCohort(), "small", "test");
        var page = Ctx.Render<CohortDetail>(p => p.Add(c => c.Id, id));
        page.WaitForElement("#profile-table", TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("hb_half", page.Find("#profile-table").TextContent);

        ClickTab(page, "Derived features");
        page.WaitForElement(".derived-formula input", TimeSpan.FromSeconds(10));
        page.Find(".derived-name input").Input("hb_half");
        page.Find(".derived-formula input").Input("hemoglobin_g_dl / 2");
        page.WaitForAssertion(() => Assert.False(page.Find("#derived-save").HasAttribute("disabled")), TimeSpan.FromSeconds(10));
        page.WaitForAssertion(() => page.Find("#derived-save").Click(), TimeSpan.FromSeconds(10));
        page.WaitForAssertion(() => Assert.Contains("hb_half", page.Find(".derived-list").TextContent), TimeSpan.FromSeconds(10));

        ClickTab(page, "Column profile");
        page.WaitForAssertion(() => Assert.Contains("hb_half", page.Find("#profile-table").TextContent), TimeSpan.FromSeconds(10));
    }

    // MudTabs re-renders its headers after the first render; a click on a header found before that is retried.
    private static void ClickTab(IRenderedComponent<CohortDetail> page, string text) =>
        page.WaitForAssertion(() => page.FindAll(".mud-tab").Single(t => t.TextContent.Contains(text)).Click(), TimeSpan.FromSeconds(10));
}
