using Bunit;
using ClinicalGAM.Core.Diagnostics.Goodhart;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Storage;
using ClinicalGAM.Web.Components.Pages.Models;
using ClinicalGAM.Web.Services;

namespace ClinicalGAM.Web.Tests.Models;

/// <summary>
/// The Goodhart panel shows where a cut came from (evidence sources), the heaping/bunching test with its z and p and a
/// small histogram of the recorded values around the cut, and a heaping flag as its own kind.
/// </summary>
public sealed class HeapingEvidenceTests : WebTestContext
{
    private static DensityDiscontinuityTest.Result Bunching() =>
        new(140, 1, 0.36, -16.4, -2.1, -2.4, -1.8, -24.8, 1e-100, null)
        {
            HeapP = 8.2e-5, PeerGrain = 10, Bandwidth = 8,
            BinCentres = [133, 134, 135, 136, 137, 138, 139, 141, 142, 143, 144, 145, 146, 147],
            BinLevels = [300, 310, 290, 305, 520, 540, 530, 120, 130, 110, 280, 270, 275, 260],
        };

    private static GoodhartFlag Threshold() => new()
    {
        Feature = "systolic_bp", Kind = GoodhartKind.Threshold, At = 140, Edge = 140.5, Effect = -0.86, EffectLow = -1.12,
        EffectHigh = -0.60, Z = -6.4, P = 1e-10, Message = "Risk falls abruptly at systolic_bp 140.",
        Bandwidth = 10.5, BandwidthAbove = 12.0, BandwidthSource = "mse-optimal", RobustLow = -1.3, RobustHigh = -0.5,
        Sources = ["density discontinuity / heaping (bunching z -24.8, p 1.0e-100; heaping 0.36x, z -16.4, p 8.2e-5)", "round number (multiple of 10)"],
        Evidence = "jump in the data at 140, where the recorded values heap or bunch", Density = Bunching(),
    };

    private static GoodhartFlag Heaping() => new()
    {
        Feature = "vital_02", Kind = GoodhartKind.Heaping, At = 140, RangeLow = 132, RangeHigh = 148, Effect = -2.1, EffectLow = -2.4,
        EffectHigh = -1.8, Z = -24.8, P = 1e-100, Q = 1e-99, SamplesLeft = double.NaN, SamplesRight = double.NaN,
        Message = "Recorded vital_02 values bunch just below 140: 88% fewer readings just above 140 than just below it.",
        Sources = ["density discontinuity / heaping (bunching z -24.8, p 1.0e-100)", "round number (multiple of 5)"],
        Density = Bunching(), Action = new FlagAction("review-recording", "vital_02", 132, 148),
    };

    private static ModelEntry Entry() => new(1, 1, "m",
        new GamModel(new ModelInfo { Engine = "ebm", Outcome = "smm" }, -2, [TestModels.Haemoglobin()]),
        new ModelSpecification { Outcome = "smm", Features = ["hemoglobin_g_dl"] }, new ModelMetrics(), DateTimeOffset.UtcNow);

    private IRenderedComponent<FlagsPanel> Render(params GoodhartFlag[] flags) =>
        Ctx.Render<FlagsPanel>(p => p.Add(c => c.Entry, Entry()).Add(c => c.Check, new FlagCheck(DateTimeOffset.UtcNow, flags.Select(FlagView.From).ToList())));

    [Fact]
    public void A_threshold_flag_names_its_evidence_sources_beside_its_local_fit_and_the_density_test()
    {
        var panel = Render(Threshold());

        var sources = panel.Find(".flag-sources").TextContent;
        Assert.Contains("density discontinuity / heaping (bunching z -24.8", sources);
        Assert.Contains("round number (multiple of 10)", sources);
        Assert.Contains("within 10.5 below and 12 above the cut", panel.Find(".flag-bandwidth").TextContent);
        var heaping = panel.Find(".flag-heaping").TextContent;
        Assert.Contains("0.4x as many readings exactly at 140 as at other multiples of 10 (z -16.4, p 8.2e-5)", heaping);
        Assert.Contains("lower just above than just below by -88%", heaping);
        Assert.Contains("z -24.8", heaping);
        Assert.Single(panel.FindAll(".density-histogram"));
    }

    [Fact]
    public void A_heaping_flag_is_its_own_kind_and_prints_no_non_finite_number()
    {
        var panel = Render(Heaping());

        var alert = panel.Find(".goodhart-flag").TextContent;
        Assert.Contains("heaping / bunching of recorded values at 140", alert);
        Assert.Contains("log density ratio -2.10", alert);
        Assert.Contains("review-recording vital_02", alert);
        Assert.DoesNotContain("NaN", panel.Markup);
        Assert.DoesNotContain("Infinity", panel.Markup);
    }

    [Fact]
    public void The_histogram_colours_the_bins_either_side_of_the_cut_and_marks_the_cut()
    {
        var figure = DensityHistogramBuilder.Build(Threshold(), new PlotStyle());

        var bar = Assert.IsType<Plotly.Blazor.Traces.Bar>(Assert.Single(figure.Data));
        var colours = (object[])bar.Marker.Color;
        Assert.Equal(14, bar.X.Count);
        Assert.Equal(7, colours.Count(c => (string)c == "#c62828"));
        var line = Assert.Single(figure.Layout.Shapes);
        Assert.Equal(140.0, Convert.ToDouble(line.X0));
        Assert.False(DensityHistogramBuilder.CanBuild(Threshold() with { Density = null }));
    }
}
