using Bunit;
using ClinicalGAM.Core.Diagnostics.Goodhart;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Storage;
using ClinicalGAM.Web.Components.Pages.Models;
using ClinicalGAM.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.Web.Tests.Models;

/// <summary>A temporal drift flag keeps its per-period curves through storage and shows them as an overlay.</summary>
public sealed class TemporalFlagTests : WebTestContext
{
    internal static GoodhartFlag PlateletDrift() => new()
    {
        Feature = "platelets", Kind = GoodhartKind.Temporal, At = 2018, Effect = 0.6, EffectLow = 0.3, EffectHigh = 0.9,
        Z = 4, P = 1e-4, Message = "Platelets predict risk less from 2018, when platelet-guided treatment began.",
        Periods =
        [
            new PeriodCurve("2012-2017", 2012, 2017, 6000, [50, 100, 150, 200], [0.8, 0.3, 0.0, -0.1], [0.1, 0.05, 0.05, 0.08], 0.3),
            new PeriodCurve("2018-2023", 2018, 2023, 6000, [50, 100, 150, 200], [0.2, 0.05, 0.0, -0.02], [0.1, 0.05, 0.05, 0.08], 0.08),
        ],
    };

    private static ModelEntry Entry() => new(1, 1, "m",
        new GamModel(new ModelInfo { Engine = "ebm", Outcome = "smm" }, -2, [TestModels.Haemoglobin()]),
        new ModelSpecification { Outcome = "smm", Features = ["hemoglobin_g_dl"] }, new ModelMetrics(), DateTimeOffset.UtcNow);

    [Fact]
    public void A_temporal_flag_with_period_curves_is_drawn_as_an_embedded_overlay()
    {
        var flag = FlagView.From(PlateletDrift());
        var panel = Ctx.Render<FlagsPanel>(p => p.Add(c => c.Entry, Entry()).Add(c => c.Check, new FlagCheck(DateTimeOffset.UtcNow, [flag])));
        var img = panel.Find("img.period-overlay");
        Assert.StartsWith("data:image/svg+xml", img.GetAttribute("src"));
        Assert.Contains("platelets", img.GetAttribute("alt"));
    }

    [Fact]
    public void A_flag_without_period_curves_has_no_overlay()
    {
        var flag = FlagView.From(PlateletDrift() with { Periods = null });
        var panel = Ctx.Render<FlagsPanel>(p => p.Add(c => c.Entry, Entry()).Add(c => c.Check, new FlagCheck(DateTimeOffset.UtcNow, [flag])));
        Assert.Empty(panel.FindAll("img.period-overlay"));
    }
}
