using Bunit;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Web.Components.Pages.Models;

namespace ClinicalGAM.Web.Tests.Models;

public sealed class ImportancePlotTests : WebTestContext
{
    [Fact]
    public void Each_top_term_has_a_keyboard_button_that_scrolls_to_its_shape_plot()
    {
        var ranked = new GamModel(new ModelInfo { Outcome = "smm" }, 0, [TestModels.DeliveryMode(), TestModels.Haemoglobin(), TestModels.AgeByHb()])
            .RankedTerms().ToList();

        var plot = Ctx.Render<ImportancePlot>(p => p.Add(c => c.Ranked, ranked));

        var buttons = plot.FindAll("#importance-jumps .term-jump");
        Assert.Equal(ranked.Select(t => t.Name), buttons.Select(b => b.TextContent.Trim()));
        Assert.All(buttons, b => Assert.Equal("button", b.TagName.ToLowerInvariant()));
        buttons[2].Click();
        var call = Assert.Single(Ctx.JSInterop.Invocations, i => i.Identifier == "clinicalGam.scrollToId");
        Assert.Equal("term-" + PlotConfig.Slug(ranked[2].Name), call.Arguments[0]);
    }

    [Fact]
    public void At_most_fifteen_jump_buttons_are_shown()
    {
        var hb = TestModels.Haemoglobin();
        var terms = Enumerable.Range(0, 20).Select(i => new GamTerm($"hb{i}", [hb.Binnings[0] with { Feature = $"hb{i}" }],
            hb.Scores.Select(s => s * (i + 1)).ToArray(), hb.StandardDeviations, hb.BinWeights)).ToList();

        var plot = Ctx.Render<ImportancePlot>(p => p.Add(c => c.Ranked, terms));

        Assert.Equal(ImportancePlot.MaxJumps, plot.FindAll(".term-jump").Count);
    }
}
