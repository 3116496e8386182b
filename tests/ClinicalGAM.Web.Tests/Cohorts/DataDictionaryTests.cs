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
}
