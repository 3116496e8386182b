using Bunit;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Serialization;
using ClinicalGAM.Web.Components.Pages.Editing;
using ClinicalGAM.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.Web.Tests.Editing;

public sealed class ModelEditorPageTests : WebTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public ModelEditorPageTests() => Ctx.Services.AddScoped<ModelEditingService>();

    private async Task<int> SaveAsync()
    {
        int cohort = await Store.SaveCohortAsync(TestModels.Cohort200(), "development", "test");
        var model = new GamModel(new ModelInfo { Engine = "ebm", Outcome = "smm", Features = ["hemoglobin_g_dl", "delivery_mode"] }, -2,
            [TestModels.Haemoglobin(), TestModels.DeliveryMode()]);
        return await Store.SaveModelAsync(cohort, "hb + mode", model,
            new ModelSpecification { Outcome = "smm", Features = model.Info.Features, Seed = 3 }, new ModelMetrics { TestFraction = 0.3 });
    }

    private IRenderedComponent<ModelEditorPage> Open(int id, string query)
    {
        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"models/{id}/edit{query}");
        var page = Ctx.Render<ModelEditorPage>(p => p.Add(c => c.Id, id));
        page.WaitForElement("#edit-metrics", Patience);
        return page;
    }

    [Fact]
    public async Task A_link_with_bounds_and_a_reason_opens_ready_to_apply_and_undo_redo_follow_the_history()
    {
        int id = await SaveAsync();
        var page = Open(id, "?term=hemoglobin_g_dl&op=set&lo=7&hi=10&reason=anaemia%20protocol");
        Assert.Contains("2 bins", page.Find("#selection-text").TextContent);
        Assert.True(page.Find("#undo").HasAttribute("disabled"));
        Assert.True(page.Find("#redo").HasAttribute("disabled"));
        Assert.True(page.Find("#save-version").HasAttribute("disabled"), "nothing to save before an edit");
        Assert.Single(page.FindAll("#edit-history .mud-list-item"));
        string aucBefore = page.Find("#metric-logloss-now").TextContent;

        page.Find("#apply-edit").Click();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#edit-history .mud-list-item").Count), Patience);
        Assert.Contains("hemoglobin_g_dl · set 0.1 · bins 2–3 · “anaemia protocol”", page.Find("#edit-history").TextContent);
        Assert.False(page.Find("#undo").HasAttribute("disabled"));
        Assert.NotEqual(aucBefore, page.Find("#metric-logloss-now").TextContent); // live metrics follow the edit
        Assert.Equal("", page.Find("#edit-reason").GetAttribute("value") ?? ""); // a reason is asked for each edit

        page.Find("#undo").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".history-undone")), Patience);
        Assert.Equal(aucBefore, page.Find("#metric-logloss-now").TextContent);
        Assert.False(page.Find("#redo").HasAttribute("disabled"));
        page.Find("#redo").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".history-undone")), Patience);
    }

    [Fact]
    public async Task Deleting_a_term_offers_restore_and_saving_writes_a_new_version_with_its_history()
    {
        int id = await SaveAsync();
        var page = Open(id, "?term=delivery_mode&op=delete&reason=not%20actionable");
        page.Find("#apply-edit").Click();
        page.WaitForElement("#term-deleted", Patience);
        Assert.NotNull(page.Find("#restore-term"));

        page.Find("#version-note").Input("mode dropped for the screening version");
        page.WaitForAssertion(() => Assert.False(page.Find("#save-version").HasAttribute("disabled")), Patience);
        page.Find("#save-version").Click();
        page.WaitForElement("#saved-version", Patience);

        var saved = (await Store.ListModelsAsync()).OrderBy(m => m.Id).Last();
        Assert.NotEqual(id, saved.Id);
        var entry = (await Store.FindModelAsync(saved.Id))!;
        Assert.Null(entry.Model.Term("delivery_mode"));
        var edit = Assert.Single(entry.Model.Info.Edits);
        Assert.Equal("not actionable", edit.Reason);
        Assert.Equal(id, entry.Model.Info.EditedFrom!.ModelId);
        Assert.Equal("mode dropped for the screening version", entry.Model.Info.Settings["version note"]);
        Assert.NotNull((await Store.FindModelAsync(id))!.Model.Term("delivery_mode")); // the version edited from is untouched
    }
}
