using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Ebm;

namespace ClinicalGAM.Core.Tests.Modeling.Ebm;

/// <summary>
/// A fit always ends: on small, (nearly) separable cohorts the validation loss creeps towards 0 and a relative tolerance
/// shrinks with it, so the engine also asks for a material change of the summed validation loss and caps rounds per
/// training row. On ordinary cohorts neither binds and the fit is unchanged.
/// </summary>
public class EarlyStoppingTests
{
    [Theory]
    [InlineData(0.0)]  // perfectly separable at x = 5
    [InlineData(12.0)] // nearly separable: logit 12 (x - 5)
    public void A_separable_small_cohort_stops_no_later_than_the_relative_rule_alone_and_within_the_cap(double slope)
    {
        var cohort = Separable(400, slope, seed: 3);
        var spec = new ModelSpecification { Outcome = "y", Features = ["x", "noise"], Bags = 2, Interactions = 0, Seed = 5 };
        var rows = Enumerable.Range(0, cohort.RowCount).ToArray();
        var relativeOnly = new EbmOptions { EarlyStoppingMinTotalLossChange = 0, MaxRoundsPerTrainingRow = 0, MaxRounds = 20_000 };

        var (defaultModel, defaultRounds) = Fit(new EbmOptions(), cohort, spec, rows);
        var (_, relativeRounds) = Fit(relativeOnly, cohort, spec, rows);

        int trainingRowsPerBag = (int)(0.85 * cohort.RowCount) + 1;
        Assert.All(defaultRounds, r => Assert.True(r <= 10 * trainingRowsPerBag, $"{r} rounds"));
        for (int b = 0; b < defaultRounds.Length; b++)
            Assert.True(defaultRounds[b] <= relativeRounds[b],
                $"default rule {string.Join(",", defaultRounds)} rounds vs relative rule alone {string.Join(",", relativeRounds)}");
        // Stopping earlier still separates the classes.
        var p = defaultModel.Predict(cohort);
        var y = ((NumericColumn)cohort["y"]).Values.ToArray();
        var x = ((NumericColumn)cohort["x"]).Values.ToArray();
        double minAbove = Enumerable.Range(0, p.Length).Where(i => x[i] > 5.5).Min(i => p[i]);
        double maxBelow = Enumerable.Range(0, p.Length).Where(i => x[i] < 4.5).Max(i => p[i]);
        Assert.True(minAbove > 0.9 && maxBelow < 0.1, $"risk above the boundary from {minAbove:F3}, below it up to {maxBelow:F3}");
    }

    [Fact]
    public void A_loss_that_creeps_towards_zero_stops_the_rule_only_with_the_absolute_floor()
    {
        // Validation loss 0.05 * 0.9995^k: every window of 100 steps improves it by 5% of itself, far above a 1e-5
        // relative tolerance, so InterpretML's rule alone never fires; the summed-loss floor (0.001 nats over 85
        // validation rows) fires once an improvement is worth less than that.
        var relativeOnly = new EarlyStopping(100, 1e-5);
        var withFloor = new EarlyStopping(100, 1e-5, absoluteTolerance: 1e-3 / 85);
        int? stoppedAt = null;
        for (int k = 0; k < 100_000; k++)
        {
            double loss = 0.05 * Math.Pow(0.9995, k);
            Assert.False(relativeOnly.ShouldStop(loss), $"relative rule stopped at step {k}");
            if (stoppedAt is null && withFloor.ShouldStop(loss)) stoppedAt = k;
        }
        Assert.NotNull(stoppedAt);
        // It stops where a 100-step window gains less than 0.001 / 85: loss * (1 - 0.9995^100) < 1.18e-5, loss < 2.4e-4.
        double lossAtStop = 0.05 * Math.Pow(0.9995, stoppedAt!.Value);
        Assert.InRange(lossAtStop, 1.5e-4, 3.5e-4);
    }

    [Fact]
    public void On_an_ordinary_cohort_the_floor_and_the_cap_do_not_bind_and_the_model_is_unchanged()
    {
        var cohort = SimulatedCohort.Binary(3000, 11);
        var spec = SimulatedCohort.BinarySpec(bags: 2);
        var rows = SimulatedCohort.AllRows(cohort);
        var (withFloor, roundsWith) = Fit(new EbmOptions(), cohort, spec, rows);
        var (without, roundsWithout) = Fit(new EbmOptions { EarlyStoppingMinTotalLossChange = 0, MaxRoundsPerTrainingRow = 0 }, cohort, spec, rows);
        Assert.Equal(roundsWithout, roundsWith);
        Assert.Equal(without.Intercept, withFloor.Intercept);
        for (int t = 0; t < without.Terms.Count; t++) Assert.Equal(without.Terms[t].Scores, withFloor.Terms[t].Scores);
    }

    /// <summary>The model and the rounds each bag's main-effect stage ran (as the model reports them).</summary>
    private static (GamModel Model, int[] Rounds) Fit(EbmOptions options, CohortTable cohort, ModelSpecification spec, int[] rows)
    {
        var model = new EbmTrainer(options).Fit(cohort, spec, rows);
        return (model, model.Info.Settings["rounds_main_effects"].Split(',').Select(int.Parse).ToArray());
    }

    private static CohortTable Separable(int rows, double slope, int seed)
    {
        var rng = new Random(seed);
        var x = new double[rows]; var noise = new double[rows]; var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            x[i] = 10 * rng.NextDouble();
            noise[i] = rng.NextDouble();
            y[i] = slope == 0 ? (x[i] > 5 ? 1 : 0) : rng.NextDouble() < 1 / (1 + Math.Exp(-slope * (x[i] - 5))) ? 1 : 0;
        }
        return new CohortTable([new NumericColumn("y", y, ColumnKind.Binary), new NumericColumn("x", x), new NumericColumn("noise", noise)]);
    }
}
