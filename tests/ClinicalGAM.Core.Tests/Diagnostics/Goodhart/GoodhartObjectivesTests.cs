using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Goodhart;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Ebm;

namespace ClinicalGAM.Core.Tests.Diagnostics.Goodhart;

/// <summary>
/// The flags on models of a continuous outcome (rmse: identity link) and of counts (poisson: log link): a treatment
/// threshold at 10 (the outcome drops there, against a rising trend) is found at its place, in the model's own
/// units, and a smooth control is left alone. EBM fits on 8,000 rows.
/// </summary>
public class GoodhartObjectivesTests
{
    private static (CohortTable Data, GamModel Model) Fit(Objective objective, int seed)
    {
        const int rows = 8_000;
        var rng = new Random(seed);
        var marker = new double[rows]; var control = new double[rows]; var year = new double[rows]; var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            marker[i] = Math.Round(20 * rng.NextDouble(), 1);
            control[i] = Math.Round(20 * rng.NextDouble(), 1);
            year[i] = 2012 + rng.Next(12);
            if (objective == Objective.Rmse)
                y[i] = 2 + 0.3 * marker[i] - (marker[i] >= 10 ? 1.5 : 0) + 0.05 * control[i] + HandBuiltTerms.Normal(rng);
            else
                y[i] = PoissonDraw(rng, Math.Exp(0.2 + 0.1 * marker[i] - (marker[i] >= 10 ? 0.5 : 0) + 0.03 * control[i]));
        }
        var data = new CohortTable([new NumericColumn("marker", marker), new NumericColumn("control", control),
            new NumericColumn("year", year), new NumericColumn("outcome", y)]);
        var spec = new ModelSpecification
        {
            Outcome = "outcome", Features = ["marker", "control"], Objective = objective, Bags = 8, Interactions = 0, Seed = seed,
        };
        return (data, new EbmTrainer().Fit(data, spec, Enumerable.Range(0, rows).ToArray()));
    }

    private static double PoissonDraw(Random rng, double mean)
    {
        double limit = Math.Exp(-mean), product = rng.NextDouble();
        int k = 0;
        while (product > limit) { product *= rng.NextDouble(); k++; }
        return k;
    }

    [Theory]
    [InlineData(Objective.Rmse, "outcome units")]
    [InlineData(Objective.Poisson, "log-rate")]
    public void Threshold_is_found_on_the_models_own_scale_and_the_smooth_control_is_not(Objective objective, string units)
    {
        var (data, model) = Fit(objective, seed: 3);

        var flags = GoodhartAnalyzer.CreateDefault().Analyze(new GoodhartContext
        {
            Model = model, Data = data, Options = new GoodhartOptions { TimeColumn = "year" },
        });

        var flag = Assert.Single(flags);
        Assert.Equal("marker", flag.Feature);
        Assert.Equal(GoodhartKind.Threshold, flag.Kind);
        Assert.Equal(10, flag.At);
        double planted = objective == Objective.Rmse ? -1.5 : -0.5;
        Assert.InRange(planted, flag.EffectLow, flag.EffectHigh);
        Assert.True(flag.OpposesTrend);
        Assert.Contains(units, flag.Message);
        Assert.DoesNotContain("log-odds", flag.Message);
    }
}
