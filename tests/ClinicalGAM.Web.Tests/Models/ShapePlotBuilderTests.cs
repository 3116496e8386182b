using ClinicalGAM.Web.Components.Pages.Models;
using Plotly.Blazor.Traces;

namespace ClinicalGAM.Web.Tests.Models;

public sealed class ShapePlotBuilderTests
{
    [Fact]
    public void A_continuous_term_draws_band_step_missing_point_and_density()
    {
        var term = TestModels.Haemoglobin();
        var figure = ShapePlotBuilder.Build(term, new PlotStyle());

        var scatters = figure.Data.OfType<Scatter>().ToList();
        var step = scatters.Single(s => s.Name == ShapePlotBuilder.StepName);
        Assert.Equal(Plotly.Blazor.Traces.ScatterLib.LineLib.ShapeEnum.Hv, step.Line.Shape);
        // Four bins give five edges: 5, 7, 9, 11, 15, and the last score is repeated for the step's right edge.
        Assert.Equal([5.0, 7.0, 9.0, 11.0, 15.0], step.X.Cast<double>());
        Assert.Equal(term.Scores[1..].Append(term.Scores[^1]), step.Y.Cast<double>());

        var upper = scatters.Single(s => s.Name == "±1 sd across 3 bags");
        Assert.Equal(Plotly.Blazor.Traces.ScatterLib.FillEnum.ToNextY, upper.Fill);
        Assert.Equal(term.Scores[2] + term.StandardDeviations[2], (double)upper.Y[1], 12);
        var lower = scatters.Single(s => s.Name == "band lower");
        Assert.True(figure.Data.IndexOf(lower) < figure.Data.IndexOf(upper), "the lower edge must come first for fill to next y");

        var missing = scatters.Single(s => s.Name!.StartsWith("missing"));
        Assert.Equal("missing (n = 40)", missing.Name);
        Assert.True((double)missing.X[0] < 5, "the missing bin sits left of the observed range");
        Assert.Equal(term.Scores[0], (double)missing.Y[0], 12);

        var density = figure.Data.OfType<Bar>().Single(b => b.Name == ShapePlotBuilder.DensityName);
        Assert.Equal("y2", density.YAxis);
        Assert.Equal([10.0, 200.0, 500.0, 250.0], density.Y.Cast<double>());
    }

    [Fact]
    public void Odds_ratio_scale_exponentiates_scores_and_uses_a_log_axis()
    {
        var term = TestModels.Haemoglobin();
        var figure = ShapePlotBuilder.Build(term, new PlotStyle { OddsRatio = true });
        var step = figure.Data.OfType<Scatter>().Single(s => s.Name == ShapePlotBuilder.StepName);
        Assert.Equal(Math.Exp(term.Scores[1]), (double)step.Y[0], 12);
        Assert.Equal(Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Log, figure.Layout.YAxis[0].Type);
        Assert.Equal("odds ratio", figure.Layout.YAxis[0].Title.Text);
    }

    [Fact]
    public void A_single_fit_has_no_band()
    {
        var t = TestModels.Haemoglobin();
        var single = new ClinicalGAM.Core.Modeling.GamTerm(t.Name, t.Binnings, t.Scores, new double[5], t.BinWeights);
        var figure = ShapePlotBuilder.Build(single, new PlotStyle());
        Assert.DoesNotContain(figure.Data.OfType<Scatter>(), s => s.Fill == Plotly.Blazor.Traces.ScatterLib.FillEnum.ToNextY);
    }

    [Fact]
    public void A_categorical_term_draws_bars_with_error_bars_and_skips_empty_bins()
    {
        var term = TestModels.DeliveryMode();
        var figure = ShapePlotBuilder.Build(term, new PlotStyle());
        var bars = figure.Data.OfType<Bar>().First();
        Assert.Equal(["vaginal", "caesarean"], bars.X.Cast<string>());
        Assert.Equal([-0.2, 0.4], bars.Y.Cast<double>());
        Assert.Equal([0.05, 0.08], bars.ErrorY.Array.Cast<double>().Select(v => Math.Round(v, 10)));
        Assert.Contains("2 bags", bars.Name);
    }

    [Fact]
    public void An_interaction_is_a_heatmap_over_both_features_bins()
    {
        var term = TestModels.AgeByHb();
        var figure = ShapePlotBuilder.Build(term, new PlotStyle());
        var heat = Assert.IsType<HeatMap>(Assert.Single(figure.Data));
        Assert.Equal(2, heat.X.Count); // age bins without missing
        Assert.Equal(3, heat.Y.Count); // Hb bins without missing
        var row0 = ((object[])heat.Z[0]).Cast<double>().ToArray();
        // z[row = Hb bin 1][col = age bin 1] = score of cell 1 * 4 + 1.
        Assert.Equal(term.Scores[1 * 4 + 1], row0[0], 12);
        Assert.Equal(term.Scores[2 * 4 + 1], row0[1], 12);
    }

    [Fact]
    public void A_fine_binning_sums_its_density_into_equal_width_buckets_keeping_every_row()
    {
        var cuts = Enumerable.Range(1, 99).Select(i => (double)i).ToArray(); // 100 bins over [0, 100]
        var binning = new ClinicalGAM.Core.Modeling.FeatureBinning
            { Feature = "x", Kind = ClinicalGAM.Core.Modeling.BinningKind.Continuous, Cuts = cuts, Min = 0, Max = 100 };
        var weights = Enumerable.Range(0, 101).Select(i => (double)i).ToArray();
        var term = new ClinicalGAM.Core.Modeling.GamTerm("x", [binning], new double[101], new double[101], weights);

        var density = ShapePlotBuilder.Build(term, new PlotStyle()).Data.OfType<Bar>().Single(b => b.Name == ShapePlotBuilder.DensityName);

        Assert.Equal(ShapePlotBuilder.DensityBuckets, density.Y.Count);
        Assert.Equal(weights[1..].Sum(), density.Y.Cast<double>().Sum());
        Assert.Equal(2.5m, density.WidthArray[0]);
    }
}
