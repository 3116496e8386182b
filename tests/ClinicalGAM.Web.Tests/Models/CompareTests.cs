using Bunit;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Web.Components.Pages.Models;
using ClinicalGAM.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Plotly.Blazor.Traces;

namespace ClinicalGAM.Web.Tests.Models;

public sealed class CompareTests : WebTestContext
{
    private static readonly ModelSpecification Spec = new() { Outcome = "smm", Features = ["hemoglobin_g_dl"], Seed = 11 };

    // A: Hb (importance ~0.2x), delivery mode, Hb x age. B: delivery mode scaled up so it outranks Hb, no interaction.
    private static GamModel ModelA() => new(new ModelInfo { Engine = "ebm", Outcome = "smm" }, -2,
        [TestModels.Haemoglobin(), TestModels.DeliveryMode(), TestModels.AgeByHb()]);

    private static GamModel ModelB()
    {
        var mode = TestModels.DeliveryMode();
        var louder = new GamTerm(mode.Name, mode.Binnings, mode.Scores.Select(s => s * 10).ToArray(), mode.StandardDeviations,
            mode.BinWeights, mode.BagScores);
        return new GamModel(new ModelInfo { Engine = "mlnet-gam", Outcome = "smm" }, -2, [TestModels.Haemoglobin(), louder]);
    }

    private static ModelMetrics Metrics(double auc, double logLoss) => new()
    {
        TestAuc = auc, TestAucLow = auc - 0.03, TestAucHigh = auc + 0.03, TestLogLoss = logLoss, TestBrier = 0.05,
        TestRows = 400, TestEvents = 30, TestFraction = 0.2,
    };

    private async Task<(int A, int B)> SaveTwoAsync()
    {
        int cohort = await Store.SaveCohortAsync(TestModels.SmallCohort(), "small", "test");
        int a = await Store.SaveModelAsync(cohort, "first", ModelA(), Spec, Metrics(0.80, 0.20));
        int b = await Store.SaveModelAsync(cohort, "second", ModelB(), Spec, Metrics(0.83, 0.19));
        return (a, b);
    }

    [Fact]
    public void Importance_ranks_line_up_by_term_and_only_shared_main_effects_are_overlaid()
    {
        var a = new ModelEntry(1, 1, "A", ModelA(), Spec, Metrics(0.8, 0.2), DateTimeOffset.UtcNow);
        var b = new ModelEntry(2, 1, "B", ModelB(), Spec, Metrics(0.8, 0.2), DateTimeOffset.UtcNow);

        var c = ModelComparison.Of(a, b);

        var mode = c.Importance.Single(r => r.Term == "delivery_mode");
        var hb = c.Importance.Single(r => r.Term == "hemoglobin_g_dl");
        var pair = c.Importance.Single(r => r.Term == "maternal_age x hemoglobin_g_dl");
        Assert.Equal(1, mode.RankB);
        Assert.Equal(2, hb.RankB);
        Assert.Equal(hb.RankA < mode.RankA ? 1 : 2, hb.RankA);
        Assert.Null(pair.RankB);
        Assert.NotNull(pair.RankA);
        Assert.Equal(["hemoglobin_g_dl", "delivery_mode"], c.SharedTerms.OrderBy(t => t == "delivery_mode"));
    }

    [Fact]
    public void An_overlay_has_a_step_line_and_a_band_for_each_model()
    {
        var figure = CompareShapeBuilder.Build(TestModels.Haemoglobin(), "A", TestModels.Haemoglobin(), "B", new PlotStyle());

        var scatters = figure.Data.OfType<Scatter>().ToList();
        Assert.Equal(6, scatters.Count);
        foreach (var name in new[] { "A", "B" })
        {
            var step = scatters.Single(s => s.Name == name);
            Assert.Equal(Plotly.Blazor.Traces.ScatterLib.LineLib.ShapeEnum.Hv, step.Line.Shape);
            Assert.Equal([5.0, 7.0, 9.0, 11.0, 15.0], step.X.Cast<double>());
            var band = scatters.Single(s => s.Name == $"{name}: ±1 sd across 3 bags");
            Assert.Equal(Plotly.Blazor.Traces.ScatterLib.FillEnum.ToNextY, band.Fill);
            Assert.True(scatters.IndexOf(scatters.Single(s => s.Name == $"{name} band lower")) == scatters.IndexOf(band) - 1);
        }
        Assert.NotEqual(scatters.Single(s => s.Name == "A").Line.Color, scatters.Single(s => s.Name == "B").Line.Color);
    }

    [Fact]
    public void Categorical_terms_overlay_as_grouped_bars()
    {
        var figure = CompareShapeBuilder.Build(TestModels.DeliveryMode(), "A", TestModels.DeliveryMode(), "B", new PlotStyle());
        Assert.Equal(2, figure.Data.OfType<Bar>().Count());
        Assert.Equal(Plotly.Blazor.LayoutLib.BarModeEnum.Group, figure.Layout.BarMode);
        Assert.Equal(["vaginal", "caesarean"], figure.Data.OfType<Bar>().First().X.Cast<string>());
    }

    [Fact]
    public async Task The_page_shows_metrics_side_by_side_and_one_plot_per_shared_term()
    {
        var (a, b) = await SaveTwoAsync();
        var nav = Ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo($"compare?a={a}&b={b}");

        var page = Ctx.Render<ComparePage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find(".compare-metrics")), TimeSpan.FromSeconds(10));
        var auc = page.Find(".metric-auc").TextContent;
        Assert.Contains("0.800 (0.770–0.830)", auc);
        Assert.Contains("0.830 (0.800–0.860)", auc);
        Assert.Contains("+0.030", auc);
        Assert.Contains("-0.0100", page.Find(".metric-logloss").TextContent);
        Assert.Equal(2, page.FindAll(".compare-shape").Count);
        Assert.Equal(3, page.FindAll(".importance-row").Count);
        Assert.Empty(page.FindAll(".compare-split-warning"));
    }

    [Fact]
    public async Task An_unknown_model_id_says_so()
    {
        var (a, _) = await SaveTwoAsync();
        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"compare?a={a}&b=999");
        var page = Ctx.Render<ComparePage>();
        page.WaitForAssertion(() => Assert.Contains("does not exist", page.Find("#compare-missing").TextContent), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Ticking_two_models_links_to_the_comparison()
    {
        var (a, b) = await SaveTwoAsync();
        var models = await Store.ListModelsAsync();
        var table = Ctx.Render<ModelTable>(p => p.Add(c => c.Models, models));

        var picks = table.FindAll(".compare-pick input");
        picks[1].Change(true); // "first" (list is newest first)
        table.FindAll(".compare-pick input")[0].Change(true);

        table.WaitForAssertion(() => Assert.Equal($"compare?a={a}&b={b}", table.Find("a.compare-button").GetAttribute("href")), TimeSpan.FromSeconds(10));
    }
}
