using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Metrics;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Ebm;

namespace ClinicalGAM.Core.Tests.Modeling.Ebm;

/// <summary>
/// The stopping rule on small, nearly separable cohorts (where a purely relative tolerance never fires because the
/// validation loss shrinks geometrically towards zero) and its absence of effect on an ordinary cohort.
/// </summary>
public class StoppingRuleTests
{
    [Fact]
    public void A_geometrically_shrinking_loss_never_stops_on_relative_tolerance_but_stops_on_the_absolute_floor()
    {
        // Each step shrinks the loss by 0.1%: relative progress per window stays ~0.5%, far above 1e-5.
        var relativeOnly = new EarlyStopping(window: 5, tolerance: 1e-5);
        var withFloor = new EarlyStopping(window: 5, tolerance: 1e-5, minImprovement: 1e-5 * 0.69);
        int stoppedAt = -1;
        for (int i = 0; i < 20_000; i++)
        {
            double loss = 0.69 * Math.Pow(0.999, i);
            Assert.False(relativeOnly.ShouldStop(loss));
            if (stoppedAt < 0 && withFloor.ShouldStop(loss)) stoppedAt = i;
        }
        // Window improvement 5 * 0.001 * loss falls under 6.9e-6 once the loss is below about 1.4e-3: step ~6,200.
        Assert.InRange(stoppedAt, 5_500, 7_000);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void A_nearly_separable_small_cohort_stops_by_early_stopping_in_a_bounded_number_of_rounds(int seed)
    {
        var cohort = NearlySeparable(500, seed);
        var labels = ((NumericColumn)cohort["outcome"]).Values.ToArray();
        var split = CohortSplit.Stratified(labels, 0.2, seed);
        var spec = new ModelSpecification { Outcome = "outcome", Features = ["x0", "x1", "x2", "x3", "x4"], Bags = 2, Interactions = 0, Seed = seed };

        var model = new EbmTrainer().Fit(cohort, spec, split.Train);

        var d = model.Info.Diagnostics!;
        // Stopped by the rule, before the small-cohort cap (about 6,800 rounds here) and far from MaxRounds (50,000).
        Assert.Equal(0, d.StagesAtRoundCap);
        Assert.True(d.RoundCap < 10_000);
        Assert.All(d.MainRounds, r => Assert.InRange(r, 75, d.RoundCap - 1));
        var p = model.Predict(cohort);
        double auc = BinaryMetrics.RocAuc(split.Test.Select(r => labels[r]).ToArray(), split.Test.Select(r => p[r]).ToArray());
        Assert.True(auc > 0.97, $"test AUC {auc}");
    }

    [Fact]
    public void An_ordinary_cohort_is_not_cut_short()
    {
        var cohort = SimulatedCohort.Binary(3000, 5);
        var labels = ((NumericColumn)cohort["outcome"]).Values.ToArray();
        var split = CohortSplit.Stratified(labels, 0.3, 5);
        var spec = SimulatedCohort.BinarySpec(bags: 2);
        var old = new EbmOptions { EarlyStoppingMinImprovement = 0, MaxRoundsPerTrainingRow = double.PositiveInfinity };

        var now = new EbmTrainer().Fit(cohort, spec, split.Train);
        var before = new EbmTrainer(old).Fit(cohort, spec, split.Train);

        var y = split.Test.Select(r => labels[r]).ToArray();
        double Auc(GamModel m) { var p = m.Predict(cohort); return BinaryMetrics.RocAuc(y, split.Test.Select(r => p[r]).ToArray()); }
        Assert.Equal(Auc(before), Auc(now), 3);
        // Ordinary data stop by the relative rule well before the cap, as they did before.
        Assert.Equal(0, now.Info.Diagnostics!.StagesAtRoundCap);
        for (int b = 0; b < 2; b++)
            Assert.InRange(now.Info.Diagnostics.MainRounds[b], 0.8 * before.Info.Diagnostics!.MainRounds[b], before.Info.Diagnostics.MainRounds[b]);
    }

    [Theory]
    [InlineData(99_999, 100, 100)]     // below the size: InterpretML's window
    [InlineData(100_000, 100, 50)]     // a large validation set: the shorter window
    [InlineData(150_000, 30, 30)]      // a window already shorter (the fast refits' 30) is never lengthened
    [InlineData(150_000, 0, 0)]        // early stopping switched off stays off
    public void The_window_shortens_only_for_large_validation_sets(int validationRows, int window, int expected) =>
        Assert.Equal(expected, new EbmOptions { EarlyStoppingRounds = window }.EarlyStoppingRoundsFor(validationRows));

    [Fact]
    public void A_bag_with_a_large_validation_set_stops_with_the_shorter_window()
    {
        // The threshold lowered to this cohort's size, so that the rule is seen acting on a fit the suite can afford.
        var cohort = SimulatedCohort.Binary(3000, 5);
        var spec = SimulatedCohort.BinarySpec(bags: 2);
        var rows = SimulatedCohort.AllRows(cohort);
        var usual = new EbmTrainer().Fit(cohort, spec, rows).Info.Diagnostics!;
        var shortened = new EbmTrainer(new EbmOptions { LargeValidationRows = 100, LargeValidationEarlyStoppingRounds = 20 })
            .Fit(cohort, spec, rows).Info.Diagnostics!;
        // Both stop by early stopping. The 20-round window should end every bag's mains about 80 rounds sooner (more
        // where it no longer waits out a plateau); at least 20 sooner is asserted.
        Assert.Equal(0, usual.StagesAtRoundCap);
        for (int b = 0; b < 2; b++)
            Assert.InRange(shortened.MainRounds[b], 1, usual.MainRounds[b] - 20);
    }

    [Fact]
    public void Small_cohorts_meet_the_round_cap_per_training_row()
    {
        var cohort = SimulatedCohort.Binary(400, 3);
        var options = new EbmOptions { EarlyStoppingRounds = 0, MaxRoundsPerTrainingRow = 0.5, SmoothingRounds = 10 };
        var model = new EbmTrainer(options).Fit(cohort, SimulatedCohort.BinarySpec(bags: 2), SimulatedCohort.AllRows(cohort));
        var d = model.Info.Diagnostics!;
        int bagRows = d.BagTrainingRows;
        Assert.Equal((long)Math.Ceiling(0.5 * bagRows), d.RoundCap);
        Assert.All(d.MainRounds, r => Assert.Equal(d.RoundCap, r));
        Assert.Equal(2, d.StagesAtRoundCap);
    }

    [Fact]
    public void Stage_timings_and_passes_account_for_the_fit()
    {
        var cohort = SimulatedCohort.Binary(1500, 4);
        var spec = SimulatedCohort.BinarySpec(bags: 2, interactions: 2);
        var model = new EbmTrainer().Fit(cohort, spec, SimulatedCohort.AllRows(cohort));
        var d = model.Info.Diagnostics!;
        var t = d.Timings;
        Assert.All(new[] { t.BinningSeconds, t.MainEffectsSeconds, t.PairRankingSeconds, t.PairsSeconds, t.PurificationAndMergeSeconds },
            s => Assert.True(s >= 0));
        Assert.True(t.TotalSeconds <= model.Info.FitSeconds + 0.05, $"stages {t.TotalSeconds} s, fit {model.Info.FitSeconds} s");
        // Every step reads the training rows at least once: passes >= rounds x terms.
        Assert.True(d.MainPasses >= d.MainRounds.Sum() * 5L, $"{d.MainPasses} passes, rounds {string.Join(",", d.MainRounds)}");
        Assert.True(d.PairPasses >= d.PairRounds.Sum() * 2L);
        Assert.Equal(2, d.PairRounds.Length);
        Assert.Equal(2 * 10, d.RankedPairs); // 5 features, all pair-eligible: 10 candidates per bag
    }

    /// <summary>Outcome decided by x0 + 0.5 x1 with 1% of labels flipped; x2..x4 are noise.</summary>
    private static CohortTable NearlySeparable(int rows, int seed)
    {
        var rng = new Random(seed);
        var x = Enumerable.Range(0, 5).Select(_ => new double[rows]).ToArray();
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < 5; j++) x[j][i] = Math.Round(rng.NextDouble() * 200 - 100, 1);
            y[i] = (x[0][i] + 0.5 * x[1][i] > 0) ^ (rng.NextDouble() < 0.01) ? 1 : 0;
        }
        return new CohortTable([new NumericColumn("outcome", y, ColumnKind.Binary),
            .. Enumerable.Range(0, 5).Select(j => new NumericColumn($"x{j}", x[j]))]);
    }
}
