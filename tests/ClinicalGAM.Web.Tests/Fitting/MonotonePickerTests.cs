using Bunit;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Web.Components.Pages.Fitting;
using ClinicalGAM.Web.Services;

namespace ClinicalGAM.Web.Tests.Fitting;

public sealed class MonotonePickerTests : WebTestContext
{
    private static FitForm Form()
    {
        var profiles = TestModels.SmallCohort().Columns.Select(c => ColumnProfiler.Profile(c)).ToList();
        var entry = new CohortEntry(1, "small", "test", 4, 4, DateTimeOffset.UtcNow);
        return FitForm.For(new CohortOverview(entry, profiles, new Dictionary<string, double>()));
    }

    [Fact]
    public void Constraints_reach_the_specification_only_for_selected_features()
    {
        var form = Form();
        form.SetMonotone("hemoglobin_g_dl", -1);
        Assert.Equal(-1, form.ToSpecification().Monotone["hemoglobin_g_dl"]);

        form.Toggle("hemoglobin_g_dl", false);
        Assert.Empty(form.ToSpecification().Monotone);

        form.Toggle("hemoglobin_g_dl", true);
        form.SetMonotone("hemoglobin_g_dl", 0);
        Assert.Empty(form.ToSpecification().Monotone);
    }

    [Fact]
    public void The_picker_offers_numeric_features_only_and_sets_the_direction()
    {
        var form = Form();
        var picker = Ctx.Render<MonotonePicker>(p => p.Add(c => c.Form, form).Add(c => c.Expanded, true));

        var selects = picker.FindAll(".monotone-select");
        Assert.Equal(["hemoglobin_g_dl"], selects.Select(s => s.GetAttribute("data-feature")));

        selects[0].Change("1");
        Assert.Equal(1, form.ToSpecification().Monotone["hemoglobin_g_dl"]);
        picker.WaitForAssertion(() => Assert.Contains("Monotone constraints (1)", picker.Markup), TimeSpan.FromSeconds(10));
    }
}
