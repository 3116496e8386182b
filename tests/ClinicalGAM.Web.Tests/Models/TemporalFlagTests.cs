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

    /// <summary>A range-local policy: platelets below 150 lost most of their effect from 2018.</summary>
    internal static GoodhartFlag RangeDrift() => PlateletDrift() with
    {
        RangeLow = 20, RangeHigh = 150, Effect = -0.8, EffectLow = -1.1, EffectHigh = -0.5, RiskDifference = -0.05,
        RiskDifferenceLow = -0.07, RiskDifferenceHigh = -0.03,
        Message = "Platelets below 150: effect fell from +0.9 to +0.1 log-odds from 2018.",
        Advice = "From 2018, patients with platelets below 150 were treated differently; trust the later period's risk.",
        Evidence = "change point in time of one range of the binned per-period shape",
        Action = new FlagAction("review-period", "platelets", 20, 150),
    };

    private static ModelEntry Entry() => new(1, 1, "m",
        new GamModel(new ModelInfo { Engine = "ebm", Outcome = "smm" }, -2, [TestModels.Haemoglobin()]),
        new ModelSpecification { Outcome = "smm", Features = ["hemoglobin_g_dl"] }, new ModelMetrics(), DateTimeOffset.UtcNow);

    [Fact]
    public void A_temporal_flag_with_period_curves_is_drawn_as_an_interactive_overlay()
    {
        var flag = FlagView.From(PlateletDrift());
        var panel = Ctx.Render<FlagsPanel>(p => p.Add(c => c.Entry, Entry()).Add(c => c.Check, new FlagCheck(DateTimeOffset.UtcNow, [flag])));
        var overlay = panel.Find("div.period-overlay");
        Assert.Equal("platelets", overlay.GetAttribute("data-feature"));
        Assert.Empty(panel.FindAll("img.period-overlay")); // Plotly, not a static picture
        Assert.NotEmpty(panel.FindComponents<Plotly.Blazor.PlotlyChart>());
    }

    [Fact]
    public void A_flag_without_period_curves_has_no_overlay()
    {
        var flag = FlagView.From(PlateletDrift() with { Periods = null });
        var panel = Ctx.Render<FlagsPanel>(p => p.Add(c => c.Entry, Entry()).Add(c => c.Check, new FlagCheck(DateTimeOffset.UtcNow, [flag])));
        Assert.Empty(panel.FindAll("div.period-overlay"));
    }

    [Fact]
    public void The_overlay_draws_each_period_with_its_band_and_shades_the_range_that_changed()
    {
        var figure = PeriodOverlayBuilder.Build(RangeDrift(), new PlotStyle());

        var lines = figure.Data.OfType<Plotly.Blazor.Traces.Scatter>().Where(t => t.Name!.Contains("rows")).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal([0.8, 0.3, 0.0, -0.1], lines[0].Y.Cast<double>());
        Assert.Equal(6, figure.Data.Count); // each period: lower edge, band, line
        var shade = Assert.Single(figure.Layout.Shapes);
        Assert.Equal((20.0, 150.0), (Convert.ToDouble(shade.X0), Convert.ToDouble(shade.X1)));
    }

    [Fact]
    public void A_range_local_flag_says_so_and_shows_the_clinician_text_risk_difference_and_action()
    {
        var flag = FlagView.From(RangeDrift());
        var panel = Ctx.Render<FlagsPanel>(p => p.Add(c => c.Entry, Entry()).Add(c => c.Check, new FlagCheck(DateTimeOffset.UtcNow, [flag])));

        var alert = panel.Find(".goodhart-flag");
        Assert.Contains("temporal (one range)", alert.TextContent);
        Assert.Contains("fell from +0.9 to +0.1", alert.TextContent);
        Assert.Contains("trust the later period", panel.Find(".flag-advice").TextContent);
        Assert.Contains("risk -5.0 points (-7.0 to -3.0)", string.Join(" ", panel.Find(".risk-difference").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Contains("review-period platelets from 20", panel.Find(".flag-action").TextContent);
    }

    [Fact]
    public void Not_testable_places_are_listed_apart_from_the_flags_with_their_reason()
    {
        var untested = new NotTestable("ratio", "threshold", 1.5, 1.9, 4, "near-separation: the outcome is almost fully determined by the value in this window");
        var check = new FlagCheck(DateTimeOffset.UtcNow, []) { NotTestable = [untested] };
        var panel = Ctx.Render<FlagsPanel>(p => p.Add(c => c.Entry, Entry()).Add(c => c.Check, check));

        Assert.Empty(panel.FindAll(".goodhart-flag"));
        var entry = Assert.Single(panel.FindAll(".not-testable"));
        Assert.Contains("ratio between 1.5 and 1.9", entry.TextContent);
        Assert.Contains("near-separation", entry.TextContent);
        Assert.DoesNotContain("NaN", panel.Markup);
        Assert.DoesNotContain("Infinity", panel.Markup);
    }

    [Fact]
    public void A_threshold_flag_shows_its_heaping_and_bunching_test()
    {
        var density = new DensityDiscontinuityTest.Result(140, 1, 4.2, 25, 0.3, 0.1, 0.5, 3.2, 0.001, null);
        var flag = FlagView.From(PlateletDrift() with { Kind = GoodhartKind.Threshold, Periods = null, At = 140, Density = density });
        var panel = Ctx.Render<FlagsPanel>(p => p.Add(c => c.Entry, Entry()).Add(c => c.Check, new FlagCheck(DateTimeOffset.UtcNow, [flag])));

        var text = panel.Find(".flag-heaping").TextContent;
        Assert.Contains("4.2x as many readings exactly at 140", text);
        Assert.Contains("density higher just above", text);
    }
}
