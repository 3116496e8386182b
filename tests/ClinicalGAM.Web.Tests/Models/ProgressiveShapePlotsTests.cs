using Bunit;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Web.Components.Pages.Models;
using ClinicalGAM.Web.Services;

namespace ClinicalGAM.Web.Tests.Models;

/// <summary>A many-term model's page shows every shape card at once and draws their plots in batches.</summary>
public sealed class ProgressiveShapePlotsTests : WebTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Every_term_gets_its_card_at_once_and_its_plot_soon_after()
    {
        var hb = TestModels.Haemoglobin();
        var terms = Enumerable.Range(1, 14)
            .Select(i => new GamTerm($"hb copy {i}", hb.Binnings, hb.Scores.Select(s => s * i).ToArray(),
                hb.StandardDeviations, hb.BinWeights, hb.BagScores))
            .ToList();
        var model = new GamModel(new ModelInfo { Engine = "ebm", Outcome = "smm", Features = ["hemoglobin_g_dl"] }, -1.5, terms);
        int cohort = await Store.SaveCohortAsync(TestModels.Cohort200(), "c200", "test");
        int id = await Store.SaveModelAsync(cohort, "many terms", model,
            new ModelSpecification { Outcome = "smm", Features = ["hemoglobin_g_dl"] }, new ModelMetrics { TestAuc = 0.7, TestFraction = 0.2 });

        var page = Ctx.Render<ModelPage>(p => p.Add(c => c.Id, id));
        // Cards (and their ids, which the jump buttons target) exist from the render that shows the title; unplotted
        // ones hold a skeleton. Read inside a wait: the batches render on the renderer's thread while the test reads
        // (bUnit's DOM can be caught mid-update otherwise, seen once on CI as 8 of 14 cards).
        page.WaitForAssertion(() =>
        {
            Assert.Single(page.FindAll("#model-title"));
            Assert.Equal(14, page.FindAll(".shape-card").Count);
            Assert.Equal(14, page.FindComponents<ShapePlot>().Count + page.FindAll(".shape-pending").Count);
            Assert.True(page.FindComponents<ShapePlot>().Count >= ModelPage.FirstPlots);
        }, Patience);

        page.WaitForAssertion(() =>
        {
            Assert.Empty(page.FindAll(".shape-pending"));
            Assert.Equal(14, page.FindComponents<ShapePlot>().Count);
        }, Patience);
        // In importance order: the most important copy (largest scale) comes first.
        Assert.Equal("hb copy 14", page.FindComponents<ShapePlot>()[0].Instance.Term.Name);
    }
}
