using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Web.Components.Pages.Models;
using ClinicalGAM.Web.Services;
using Plotly.Blazor.Traces;

namespace ClinicalGAM.Web.Tests.Models;

public sealed class PatientExplanationTests
{
    private static GamModel Model() =>
        new(new ModelInfo { Engine = "ebm", Outcome = "smm" }, -2.0, [TestModels.Haemoglobin(), TestModels.DeliveryMode()]);

    [Fact]
    public void Intercept_plus_contributions_is_the_models_log_odds_for_that_row()
    {
        var model = Model();
        var cohort = TestModels.SmallCohort();
        var eta = model.LinearPredictor(cohort);
        for (int row = 0; row < cohort.RowCount; row++)
        {
            var e = PatientExplanation.For(model, cohort, row);
            Assert.Equal(eta[row], e.Logit, 12);
            Assert.Equal(1 / (1 + Math.Exp(-eta[row])), e.Risk, 12);
        }
    }

    [Fact]
    public void Contributions_name_the_patients_values_largest_first()
    {
        // Row 2: Hb 9.1 falls in [9, 11) (score 0.1), caesarean (0.4).
        var e = PatientExplanation.For(Model(), TestModels.SmallCohort(), 2);
        Assert.Equal(["delivery_mode", "hemoglobin_g_dl"], e.Contributions.Select(c => c.Term));
        Assert.Equal("caesarean", e.Contributions[0].Value);
        Assert.Equal(0.4, e.Contributions[0].Contribution, 12);
        Assert.Equal("9.1", e.Contributions[1].Value);
        Assert.Equal(0, e.Observed);
        var missingHb = PatientExplanation.For(Model(), TestModels.SmallCohort(), 1);
        Assert.Equal("missing", missingHb.Contributions.Single(c => c.Term == "hemoglobin_g_dl").Value);
    }

    [Fact]
    public void The_waterfall_starts_at_the_intercept_and_ends_with_the_total()
    {
        var e = PatientExplanation.For(Model(), TestModels.SmallCohort(), 2);
        var trace = Assert.IsType<Waterfall>(Assert.Single(WaterfallPlot.Build(e, new PlotStyle()).Data));
        Assert.Equal(["absolute", "relative", "relative", "total"], trace.Measure.Cast<string>());
        Assert.Equal(-2.0, (double)trace.X[0]);
        double sum = trace.X.Take(3).Cast<double>().Sum();
        Assert.Equal(e.Logit, sum, 12);
    }

    [Fact]
    public void A_row_outside_the_cohort_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PatientExplanation.For(Model(), TestModels.SmallCohort(), 4));
    }
}
