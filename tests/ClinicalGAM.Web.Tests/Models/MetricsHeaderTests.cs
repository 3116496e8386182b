using Bunit;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Web.Components.Pages.Models;
using ClinicalGAM.Web.Services;

namespace ClinicalGAM.Web.Tests.Models;

public sealed class MetricsHeaderTests : WebTestContext
{
    [Fact]
    public void Shows_test_auc_with_its_confidence_interval_and_the_seed()
    {
        var model = new GamModel(new ModelInfo { Engine = "ebm", Outcome = "smm", Seed = 11 }, -2.5, [TestModels.Haemoglobin(), TestModels.AgeByHb()]);
        var metrics = new ModelMetrics { TestAuc = 0.8123, TestAucLow = 0.78, TestAucHigh = 0.84, TestLogLoss = 0.2, TestBrier = 0.05, TestRows = 400, TestEvents = 30, TestFraction = 0.2 };
        var spec = new ModelSpecification { Outcome = "smm", Features = ["hemoglobin_g_dl"], Seed = 11 };
        var entry = new ModelEntry(1, 1, "m", model, spec, metrics, DateTimeOffset.UtcNow);

        var header = Ctx.Render<MetricsHeader>(p => p.Add(c => c.Entry, entry));

        Assert.Equal("0.812", header.Find("#test-auc").TextContent);
        Assert.Equal("95% CI 0.780–0.840", header.Find("#auc-ci").TextContent);
        Assert.Contains("1 main effects, 1 interactions", header.Markup);
        Assert.Contains("seed <b>11</b>", header.Markup);
    }

    [Fact]
    public void Lists_the_derived_features_the_model_recomputes()
    {
        var model = new GamModel(new ModelInfo { Engine = "ebm", Outcome = "smm", Features = ["hb2"] }, -2.5, [TestModels.Haemoglobin()])
            .WithDerivedFeatures([new("hb2", "hemoglobin_g_dl * 2"), new("unused", "hemoglobin_g_dl + 1")]);
        var spec = new ModelSpecification { Outcome = "smm", Features = ["hb2"], Seed = 1 };
        var entry = new ModelEntry(1, 1, "m", model, spec, new ModelMetrics { TestAuc = 0.7, TestLogLoss = 0.3 }, DateTimeOffset.UtcNow);

        var header = Ctx.Render<MetricsHeader>(p => p.Add(c => c.Entry, entry));

        var text = header.Find("#derived-used").TextContent;
        Assert.Contains("hb2 = hemoglobin_g_dl * 2", text);
        Assert.DoesNotContain("unused", text);
    }

    [Fact]
    public void Shows_the_cross_validated_auc_only_when_folds_were_run()
    {
        var model = new GamModel(new ModelInfo { Engine = "ebm", Outcome = "smm" }, -2.5, [TestModels.Haemoglobin()]);
        var spec = new ModelSpecification { Outcome = "smm", Features = ["hemoglobin_g_dl"], Seed = 9 };
        var plain = new ModelMetrics { TestAuc = 0.8, TestLogLoss = 0.2 };
        var cv = plain with { CvFolds = 3, CvSeed = 9, CvFoldAucs = [0.71, 0.75, 0.79], CvAucMean = 0.75, CvAucSd = 0.04 };

        var without = Ctx.Render<MetricsHeader>(p => p.Add(c => c.Entry, new ModelEntry(1, 1, "m", model, spec, plain, DateTimeOffset.UtcNow)));
        var with = Ctx.Render<MetricsHeader>(p => p.Add(c => c.Entry, new ModelEntry(2, 1, "m", model, spec, cv, DateTimeOffset.UtcNow)));

        Assert.Empty(without.FindAll("#cv-auc"));
        Assert.Equal("0.750 ± 0.040", with.Find("#cv-auc").TextContent);
        Assert.Contains("Cross-validated AUC (3 folds)", with.Markup);
        Assert.Contains("folds 0.710 · 0.750 · 0.790 · fold seed 9", with.Find("#cv-detail").TextContent);
    }
}
