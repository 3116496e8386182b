using ClinicalGAM.Core.Data;
using ClinicalGAM.Web.Components.Pages.Fitting;
using ClinicalGAM.Web.Services;

namespace ClinicalGAM.Web.Tests.Fitting;

public sealed class FitFormTests
{
    private static FitForm Form()
    {
        var profiles = TestModels.SmallCohort().Columns.Select(c => ColumnProfiler.Profile(c)).ToList();
        var entry = new CohortEntry(1, "small", "test", 4, 4, DateTimeOffset.UtcNow);
        return FitForm.For(new CohortOverview(entry, profiles, new Dictionary<string, double>()));
    }

    [Fact]
    public void Offers_binary_outcomes_and_selects_every_feature_but_identifiers_and_the_outcome()
    {
        var form = Form();
        Assert.Equal(["smm"], form.OutcomeChoices);
        Assert.Equal("smm", form.Outcome);
        Assert.Equal(["hemoglobin_g_dl", "delivery_mode"], form.ToSpecification().Features);
    }

    [Fact]
    public void The_specification_carries_the_seed_engine_bags_and_interactions_shown()
    {
        var form = Form();
        form.Seed = 7;
        form.Bags = 3;
        form.Interactions = 2;
        form.Toggle("delivery_mode", false);
        var spec = form.ToSpecification();
        Assert.Equal(7, spec.Seed);
        Assert.Equal(3, spec.Bags);
        Assert.Equal(2, spec.Interactions);
        Assert.Equal(form.Engine, spec.Engine);
        Assert.Equal(["hemoglobin_g_dl"], spec.Features);
    }

    [Fact]
    public void Refuses_to_start_without_features()
    {
        var form = Form();
        form.Selected.Clear();
        Assert.False(form.CanStart);
        Assert.Throws<ArgumentException>(() => form.ToSpecification());
    }

    [Fact]
    public void Cross_validation_is_off_by_default_and_uses_five_folds_when_on()
    {
        var form = Form();
        Assert.Equal(0, form.CrossValidationFolds);
        form.CrossValidate = true;
        Assert.Equal(5, form.CrossValidationFolds);
        form.Folds = 1;
        Assert.Throws<ArgumentException>(() => form.CrossValidationFolds);
    }
}
