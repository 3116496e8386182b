using Bunit;
using ClinicalGAM.Storage;
using ClinicalGAM.Web.Components.Pages.Cohorts;
using ClinicalGAM.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.Web.Tests.Cohorts;

public sealed class DataDictionaryTests : WebTestContext
{
    [Fact]
    public async Task Labels_and_units_become_axis_titles_only_for_annotated_columns()
    {
        int id = await Store.SaveCohortAsync(TestModels.SmallCohort(), "small", "test");
        var cohorts = Ctx.Services.GetRequiredService<CohortService>();
        await cohorts.AnnotateAsync(id, "hemoglobin_g_dl", new ColumnAnnotation(Label: "Haemoglobin", Unit: "g/dL"));

        var titles = await cohorts.AxisTitlesAsync(id);

        Assert.Equal("Haemoglobin (g/dL)", titles["hemoglobin_g_dl"]);
        Assert.False(titles.ContainsKey("delivery_mode"));
    }

    [Fact]
    public async Task The_editor_lists_every_column_with_its_saved_label()
    {
        int id = await Store.SaveCohortAsync(TestModels.SmallCohort(), "small", "test");
        await Store.UpdateDictionaryEntryAsync(id, "smm", new ColumnAnnotation(Label: "Severe maternal morbidity"));

        var editor = Ctx.Render<DataDictionaryEditor>(p => p.Add(c => c.CohortId, id));

        editor.WaitForAssertion(() => Assert.Equal(5, editor.FindAll("#dictionary-table tr").Count), TimeSpan.FromSeconds(10)); // header + 4 columns
        var labels = editor.FindAll(".dictionary-label input").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal("Severe maternal morbidity", labels[3]);
    }

    [Fact]
    public async Task A_unit_typed_while_the_label_is_still_saving_is_kept_on_screen_and_in_the_store()
    {
        int id = await Store.SaveCohortAsync(TestModels.SmallCohort(), "small", "test");
        var editor = Ctx.Render<DataDictionaryEditor>(p => p.Add(c => c.CohortId, id));
        editor.WaitForAssertion(() => Assert.Equal(5, editor.FindAll("#dictionary-table tr").Count), TimeSpan.FromSeconds(10));
        int row = Enumerable.Range(0, 4).Single(r => editor.FindAll("#dictionary-table tbody tr")[r].TextContent.Contains("hemoglobin_g_dl"));

        // The label's write is held in flight (a slow database) while the unit of the same row is typed.
        var slowDatabase = new TaskCompletionSource();
        Store.HoldNextDictionaryWrite = slowDatabase.Task;
        await editor.InvokeAsync(() => editor.FindAll(".dictionary-label input")[row].Change("Haemoglobin"));
        await editor.InvokeAsync(() => editor.FindAll(".dictionary-unit input")[row].Change("g/dL"));
        slowDatabase.SetResult();

        // Written one after the other, the second with both fields: the first write landing last cannot undo the unit.
        editor.WaitForAssertion(() =>
        {
            var saved = Store.GetDictionaryAsync(id).Result.Single(e => e.Name == "hemoglobin_g_dl").Annotation;
            Assert.Equal(("Haemoglobin", "g/dL"), (saved.Label, saved.Unit));
        }, TimeSpan.FromSeconds(10));
        Assert.Equal("Haemoglobin", editor.FindAll(".dictionary-label input")[row].GetAttribute("value"));
        Assert.Equal("g/dL", editor.FindAll(".dictionary-unit input")[row].GetAttribute("value"));
        Assert.Equal("Haemoglobin (g/dL)", (await Ctx.Services.GetRequiredService<CohortService>().AxisTitlesAsync(id))["hemoglobin_g_dl"]);
    }
}
