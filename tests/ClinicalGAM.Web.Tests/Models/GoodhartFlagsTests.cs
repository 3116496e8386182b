using Bunit;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Web.Components.Pages.Models;
using ClinicalGAM.Web.Services;

namespace ClinicalGAM.Web.Tests.Models;

public sealed class GoodhartFlagsTests : WebTestContext
{
    private static readonly FlagView HbAt7 = new("hemoglobin_g_dl", "threshold", 7, -0.42, -0.6, -0.24, -4.6, 1e-5,
        "Risk drops just below Hb 7 g/dL against the trend: likely transfusion.");

    private static ModelEntry Entry() => new(1, 1, "m",
        new GamModel(new ModelInfo { Engine = "ebm", Outcome = "smm" }, -2, [TestModels.Haemoglobin()]),
        new ModelSpecification { Outcome = "smm", Features = ["hemoglobin_g_dl"] }, new ModelMetrics(), DateTimeOffset.UtcNow);

    [Fact]
    public void The_panel_lists_each_flag_with_its_effect_interval_and_plain_message()
    {
        var panel = Ctx.Render<FlagsPanel>(p => p.Add(c => c.Entry, Entry()).Add(c => c.Check, new FlagCheck(DateTimeOffset.UtcNow, [HbAt7])));
        var flag = panel.Find(".goodhart-flag");
        Assert.Contains("hemoglobin_g_dl", flag.TextContent);
        Assert.Contains("at 7", flag.TextContent);
        Assert.Contains("-0.42", flag.TextContent);
        Assert.Contains("95% CI -0.60 to -0.24", flag.TextContent);
        Assert.Contains("likely transfusion", flag.TextContent);
        Assert.Empty(panel.FindAll("#no-flags"));
    }

    [Fact]
    public void A_check_without_flags_says_so()
    {
        var panel = Ctx.Render<FlagsPanel>(p => p.Add(c => c.Entry, Entry()).Add(c => c.Check, new FlagCheck(DateTimeOffset.UtcNow, [])));
        Assert.Contains("No flag", panel.Find("#no-flags").TextContent);
    }

    [Fact]
    public void A_threshold_flag_is_marked_on_the_shape_plot_at_its_value()
    {
        var figure = ShapePlotBuilder.Build(TestModels.Haemoglobin(), new PlotStyle());
        FlagMarkers.Add(figure, [HbAt7]);
        var line = Assert.Single(figure.Layout.Shapes);
        Assert.Equal(7.0, Convert.ToDouble(line.X0));
        Assert.Equal(7.0, Convert.ToDouble(line.X1));
        Assert.Contains("jump -0.42 (-0.60 to -0.24)", Assert.Single(figure.Layout.Annotations).Text);
    }
}
