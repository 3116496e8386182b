using Bunit;
using ClinicalGAM.Core.Diagnostics.Goodhart;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Storage;
using ClinicalGAM.Web.Components.Pages.Models;
using ClinicalGAM.Web.Services;

namespace ClinicalGAM.Web.Tests.Models;

/// <summary>A threshold flag shows its local fit to the reviewer: the bandwidth, how it was chosen, the robust CI.</summary>
public sealed class ThresholdLocalFitTests : WebTestContext
{
    private static GoodhartFlag Threshold() => new()
    {
        Feature = "systolic_bp", Kind = GoodhartKind.Threshold, At = 160, Edge = 160.5, Effect = -1.4, EffectLow = -1.9,
        EffectHigh = -0.9, Z = -5.2, P = 1e-6, Message = "Risk falls abruptly at systolic_bp 160.",
        Bandwidth = 10.5, BiasBandwidth = 19.7, BandwidthSource = "mse-optimal", RobustEffect = -1.5, RobustLow = -2.08, RobustHigh = -0.93,
    };

    private static ModelEntry Entry() => new(1, 1, "m",
        new GamModel(new ModelInfo { Engine = "ebm", Outcome = "smm" }, -2, [TestModels.Haemoglobin()]),
        new ModelSpecification { Outcome = "smm", Features = ["hemoglobin_g_dl"] }, new ModelMetrics(), DateTimeOffset.UtcNow);

    private IRenderedComponent<FlagsPanel> Render(GoodhartFlag flag) =>
        Ctx.Render<FlagsPanel>(p => p.Add(c => c.Entry, Entry()).Add(c => c.Check, new FlagCheck(DateTimeOffset.UtcNow, [FlagView.From(flag)])));

    [Fact]
    public void The_bandwidth_its_source_and_the_robust_ci_are_shown()
    {
        var text = Render(Threshold()).Find(".flag-bandwidth").TextContent;

        Assert.Contains("within 10.5 of the cut", text);
        Assert.Contains("MSE-optimal bandwidth", text);
        Assert.Contains("robust 95% CI -2.08 to -0.93", text);
    }

    [Fact]
    public void A_bandwidth_raised_to_the_floor_says_so_and_a_failed_robust_fit_leaves_no_nan()
    {
        var panel = Render(Threshold() with { BandwidthSource = "sample floor", RobustEffect = double.NaN, RobustLow = double.NaN, RobustHigh = double.NaN });

        var text = panel.Find(".flag-bandwidth").TextContent;
        Assert.Contains("raised to the floor", text);
        Assert.DoesNotContain("robust", text);
        Assert.DoesNotContain("NaN", panel.Markup);
        Assert.DoesNotContain("Infinity", panel.Markup);
    }

    [Fact]
    public void A_flag_without_a_bandwidth_has_no_local_fit_line()
    {
        Assert.Empty(Render(Threshold() with { Bandwidth = double.NaN, BandwidthSource = null }).FindAll(".flag-bandwidth"));
    }
}
