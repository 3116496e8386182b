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

    private static FlagView HbDrift()
    {
        double[] x = [6, 8, 10, 12];
        var flag = new ClinicalGAM.Core.Diagnostics.Goodhart.GoodhartFlag
        {
            Feature = "hemoglobin_g_dl", Kind = ClinicalGAM.Core.Diagnostics.Goodhart.GoodhartKind.Temporal, At = 2018,
            Effect = 0.3, EffectLow = 0.1, EffectHigh = 0.5, Z = 3, P = 0.003, Message = "Hb's effect fades from 2018.",
            Periods =
            [
                new("2012-2017", 2012, 2017, 900, x, [0.6, 0.2, -0.1, -0.3], [0.05, 0.04, 0.04, 0.05], 0.3),
                new("2018-2023", 2018, 2023, 800, x, [0.1, 0.05, 0, -0.05], [0.05, 0.04, 0.04, 0.05], 0.05),
            ],
        };
        return FlagView.From(flag);
    }

    [Fact]
    public void A_temporal_flag_overlays_one_curve_per_period_and_draws_no_threshold_line()
    {
        var figure = ShapePlotBuilder.Build(TestModels.Haemoglobin(), new PlotStyle());
        int before = figure.Data.Count;
        FlagMarkers.Add(figure, [HbDrift()]);
        Assert.Empty(figure.Layout.Shapes); // the period start (2018) is not a value on the Hb axis
        var periods = figure.Data.Skip(before).Cast<Plotly.Blazor.Traces.Scatter>().ToList();
        Assert.Equal(2, periods.Count);
        Assert.StartsWith("2012-2017 (n = 900)", periods[0].Name);
        Assert.Equal([0.1, 0.05, 0.0, -0.05], periods[1].Y.Select(Convert.ToDouble));
        Assert.NotEqual(periods[0].Line.Dash, periods[1].Line.Dash);
    }

    [Fact]
    public void Period_curves_follow_the_odds_ratio_scale()
    {
        var style = new PlotStyle { OddsRatio = true };
        var figure = ShapePlotBuilder.Build(TestModels.Haemoglobin(), style);
        int before = figure.Data.Count;
        FlagMarkers.Add(figure, [HbDrift()], style);
        var first = (Plotly.Blazor.Traces.Scatter)figure.Data[before];
        Assert.Equal(Math.Exp(0.6), Convert.ToDouble(first.Y[0]), 12);
    }
}
