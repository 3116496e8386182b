using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Ebm;

namespace ClinicalGAM.Core.Tests.Modeling.Ebm;

public class EbmTrainerTests
{
    private static readonly CohortTable Cohort = SimulatedCohort.Binary(3000, 11);
    private static readonly Lazy<GamModel> PairModel = new(() =>
        new EbmTrainer().Fit(Cohort, SimulatedCohort.BinarySpec(bags: 3, interactions: 3), SimulatedCohort.AllRows(Cohort)));

    [Fact]
    public void Intercept_plus_contributions_equals_linear_predictor_and_bags_average_to_the_model()
    {
        var model = PairModel.Value;
        Assert.Contains(model.Terms, t => t.IsInteraction);
        var eta = model.LinearPredictor(Cohort);
        var contributions = model.Contributions(Cohort);
        for (int i = 0; i < Cohort.RowCount; i += 7)
        {
            double sum = model.Intercept + contributions.Sum(c => c[i]);
            Assert.Equal(eta[i], sum, 10);
        }
        // The published model is the average of the bag models.
        var cells = model.CellIndices(Cohort);
        for (int i = 0; i < Cohort.RowCount; i += 97)
        {
            double mean = 0;
            for (int b = 0; b < model.BagIntercepts!.Length; b++)
            {
                double bagEta = model.BagIntercepts[b];
                for (int t = 0; t < model.Terms.Count; t++) bagEta += model.Terms[t].BagScores![b][cells[t][i]];
                mean += bagEta / model.BagIntercepts.Length;
            }
            Assert.Equal(eta[i], mean, 9);
        }
    }

    [Fact]
    public void Every_term_is_centred_on_the_training_data()
    {
        foreach (var term in PairModel.Value.Terms)
        {
            double weighted = 0, total = 0;
            for (int c = 0; c < term.Scores.Length; c++) { weighted += term.BinWeights[c] * term.Scores[c]; total += term.BinWeights[c]; }
            Assert.True(Math.Abs(weighted / total) < 1e-9, $"{term.Name} has weighted mean {weighted / total}");
        }
    }

    [Fact]
    public void Pairs_are_purified_so_their_weighted_row_and_column_means_vanish()
    {
        foreach (var term in PairModel.Value.Terms.Where(t => t.IsInteraction))
        {
            int d0 = term.Binnings[0].BinCount, d1 = term.Binnings[1].BinCount;
            for (int a = 0; a < d0; a++)
            {
                double w = 0, s = 0;
                for (int b = 0; b < d1; b++) { w += term.BinWeights[a * d1 + b]; s += term.BinWeights[a * d1 + b] * term.Scores[a * d1 + b]; }
                if (w > 0) Assert.True(Math.Abs(s / w) < 1e-6, $"{term.Name} row {a} mean {s / w}");
            }
        }
    }

    [Fact]
    public void Known_shapes_are_recovered()
    {
        var model = PairModel.Value;
        // Age is linear with slope 1.5 / 17.3 per year: compare the fitted shape with the truth after centring both.
        var age = model.Term("age")!;
        AssertShape(age, SimulatedCohort.TrueAge, tolerance: 0.35);
        AssertShape(model.Term("hb")!, SimulatedCohort.TrueHb, tolerance: 0.45);
        // The step at sbp 140 is about +1 on the logit scale.
        var sbp = model.Term("sbp")!;
        double below = sbp.Scores[sbp.Binnings[0].BinOf(120)], above = sbp.Scores[sbp.Binnings[0].BinOf(160)];
        Assert.InRange(above - below, 0.6, 1.4);
        // Error bars exist: bags disagree a little.
        Assert.Contains(age.StandardDeviations, sd => sd > 0);
    }

    private static void AssertShape(GamTerm term, Func<double, double> truth, double tolerance)
    {
        var binning = term.Binnings[0];
        var mids = new List<(double X, double Fit, double W)>();
        for (int bin = 1; bin < binning.BinCount; bin++)
        {
            var (lo, hi) = binning.BinRange(bin);
            if (term.BinWeights[bin] <= 0) continue;
            mids.Add(((lo + hi) / 2, term.Scores[bin], term.BinWeights[bin]));
        }
        double w = mids.Sum(m => m.W);
        double truthMean = mids.Sum(m => m.W * truth(m.X)) / w;
        double fitMean = mids.Sum(m => m.W * m.Fit) / w;
        double rmse = Math.Sqrt(mids.Sum(m => m.W * Math.Pow(m.Fit - fitMean - (truth(m.X) - truthMean), 2)) / w);
        Assert.True(rmse < tolerance, $"{term.Name}: weighted RMSE to the true shape {rmse:F3}");
    }

    [Fact]
    public void Informative_missingness_shows_in_the_missing_bin()
    {
        var lactate = PairModel.Value.Term("lactate")!;
        double missing = lactate.Scores[0];
        double measured = 0, w = 0;
        for (int b = 1; b < lactate.Scores.Length; b++) { measured += lactate.BinWeights[b] * lactate.Scores[b]; w += lactate.BinWeights[b]; }
        Assert.True(lactate.BinWeights[0] > 0);
        Assert.InRange(missing - measured / w, 0.9, 2.1); // planted +1.5 on the logit scale
    }

    [Fact]
    public void Same_seed_gives_bit_identical_models_whatever_the_thread_count()
    {
        var cohort = SimulatedCohort.Binary(600, 3);
        var rows = SimulatedCohort.AllRows(cohort);
        var one = new EbmTrainer().Fit(cohort, SimulatedCohort.BinarySpec(2, 2) with { MaxThreads = 1 }, rows);
        var two = new EbmTrainer().Fit(cohort, SimulatedCohort.BinarySpec(2, 2) with { MaxThreads = 2 }, rows);
        Assert.Equal(one.Intercept, two.Intercept);
        Assert.Equal(one.Terms.Select(t => t.Name), two.Terms.Select(t => t.Name));
        for (int t = 0; t < one.Terms.Count; t++)
        {
            Assert.Equal(one.Terms[t].Scores, two.Terms[t].Scores);
            Assert.Equal(one.Terms[t].StandardDeviations, two.Terms[t].StandardDeviations);
        }
        var other = new EbmTrainer().Fit(cohort, SimulatedCohort.BinarySpec(2, 2) with { Seed = 8 }, rows);
        Assert.NotEqual(one.Terms[0].Scores, other.Terms[0].Scores);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public void Monotone_constraints_are_honoured(int direction)
    {
        // hb has a U shape, so an unconstrained fit is not monotone in either direction.
        var spec = SimulatedCohort.BinarySpec(2) with { Monotone = new Dictionary<string, int> { ["hb"] = direction } };
        var model = new EbmTrainer().Fit(Cohort, spec, SimulatedCohort.AllRows(Cohort));
        var hb = model.Term("hb")!;
        for (int b = 2; b < hb.Scores.Length; b++)
            Assert.True(direction * (hb.Scores[b] - hb.Scores[b - 1]) >= -1e-12, $"bin {b} breaks the constraint");
        Assert.True(hb.Range() > 0.05);
    }

    [Fact]
    public void Regression_recovers_a_sine()
    {
        var cohort = SimulatedCohort.Regression(2000, 5);
        var spec = new ModelSpecification { Outcome = "y", Features = ["x", "z"], Objective = Objective.Rmse, Bags = 2, Interactions = 0 };
        var model = new EbmTrainer().Fit(cohort, spec, SimulatedCohort.AllRows(cohort));
        AssertShape(model.Term("x")!, Math.Sin, tolerance: 0.12);
        AssertShape(model.Term("z")!, z => 0.5 * z, tolerance: 0.08);
        Assert.Equal("0.04", model.Info.Settings["regression_learning_rate"]);
    }

    [Fact]
    public void Poisson_intercept_is_the_log_of_the_mean_count()
    {
        var rng = new Random(1);
        int n = 1500;
        var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var y = x.Select(v => (double)(rng.NextDouble() < 0.5 ? 2 : 4)).ToArray();
        var cohort = new CohortTable([new NumericColumn("visits", y), new NumericColumn("x", x)]);
        var spec = new ModelSpecification { Outcome = "visits", Features = ["x"], Objective = Objective.Poisson, Bags = 2, Interactions = 0 };
        var model = new EbmTrainer().Fit(cohort, spec, SimulatedCohort.AllRows(cohort));
        Assert.Equal(Math.Log(y.Average()), model.Intercept, 1);
        Assert.True(model.Predict(cohort).All(p => p > 0));
    }

    [Fact]
    public void Model_info_records_how_the_model_was_made()
    {
        var model = PairModel.Value;
        Assert.Equal("ebm", model.Info.Engine);
        Assert.Equal("outcome", model.Info.Outcome);
        Assert.Equal(7, model.Info.Seed);
        Assert.Equal(3000, model.Info.TrainingRows);
        Assert.Equal(["age", "hb", "sbp", "lactate", "ward"], model.Info.Features);
        Assert.Equal("3", model.Info.Settings["outer_bags"]);
        Assert.Equal("0.015", model.Info.Settings["learning_rate"]);
        Assert.Equal("3", model.Info.Settings["interactions"]);
        Assert.Equal(3, model.Terms.Count(t => t.IsInteraction));
        Assert.Equal(3, model.BagIntercepts!.Length);
    }

    [Fact]
    public void Held_out_rows_do_not_reach_the_fit()
    {
        var rows = Enumerable.Range(0, 1000).ToArray();
        var model = new EbmTrainer().Fit(Cohort, SimulatedCohort.BinarySpec(2), rows);
        Assert.Equal(1000, model.Terms[0].BinWeights.Sum());
        // Changing a held-out row changes nothing.
        var age = ((NumericColumn)Cohort["age"]).Values.ToArray();
        age[2000] = 1e6;
        var changed = Cohort.With(new NumericColumn("age", age));
        var again = new EbmTrainer().Fit(changed, SimulatedCohort.BinarySpec(2), rows);
        Assert.Equal(model.Term("age")!.Scores, again.Term("age")!.Scores);
    }

    [Fact]
    public void Sample_weights_are_used()
    {
        var weights = Enumerable.Range(0, Cohort.RowCount).Select(i => i % 2 == 0 ? 2.0 : 1.0).ToArray();
        var weighted = Cohort.With(new NumericColumn("w", weights));
        var spec = SimulatedCohort.BinarySpec(2) with { WeightColumn = "w" };
        var model = new EbmTrainer().Fit(weighted, spec, SimulatedCohort.AllRows(weighted));
        Assert.Equal(weights.Sum(), model.Term("age")!.BinWeights.Sum(), 6);
        Assert.Equal("w", model.Info.WeightColumn);
    }

    [Fact]
    public void A_non_binary_outcome_is_refused_naming_line_and_column()
    {
        var y = ((NumericColumn)Cohort["outcome"]).Values.ToArray();
        y[5] = 2;
        var bad = Cohort.With(new NumericColumn("outcome", y));
        var e = Assert.Throws<CohortFormatException>(() => new EbmTrainer().Fit(bad, SimulatedCohort.BinarySpec(1), SimulatedCohort.AllRows(bad)));
        Assert.Equal(7, e.Line); // row 5 is CSV line 7 (the header is line 1)
        Assert.Equal("outcome", e.Column);
    }

    [Fact]
    public void A_two_level_text_outcome_is_accepted()
    {
        var y = ((NumericColumn)Cohort["outcome"]).Values;
        var codes = new int[y.Length];
        for (int i = 0; i < codes.Length; i++) codes[i] = y[i] == 1 ? 0 : 1;
        var text = Cohort.With(new CategoricalColumn("outcome", codes, ["yes", "no"], ColumnKind.Binary));
        var model = new EbmTrainer().Fit(text, SimulatedCohort.BinarySpec(1), SimulatedCohort.AllRows(text));
        var numeric = new EbmTrainer().Fit(Cohort, SimulatedCohort.BinarySpec(1), SimulatedCohort.AllRows(Cohort));
        Assert.Equal(numeric.Intercept, model.Intercept, 12);
    }

    [Fact]
    public void A_monotone_constraint_on_an_unordered_feature_is_refused()
    {
        var spec = SimulatedCohort.BinarySpec(1) with { Monotone = new Dictionary<string, int> { ["ward"] = 1 } };
        var e = Assert.Throws<ArgumentException>(() => new EbmTrainer().Fit(Cohort, spec, SimulatedCohort.AllRows(Cohort)));
        Assert.Contains("ward", e.Message);
    }

    [Fact]
    public void A_declared_ordinal_feature_is_binned_in_its_order()
    {
        var spec = SimulatedCohort.BinarySpec(1) with { Ordinal = new Dictionary<string, string[]> { ["ward"] = ["surgical", "medical", "icu"] } };
        var model = new EbmTrainer().Fit(Cohort, spec, SimulatedCohort.AllRows(Cohort));
        var ward = model.Term("ward")!;
        Assert.Equal(BinningKind.Ordinal, ward.Binnings[0].Kind);
        Assert.Equal(["surgical", "medical", "icu"], ward.Binnings[0].Levels);
        // Planted effects: surgical -0.5 < medical 0 < icu +0.8.
        Assert.True(ward.Scores[1] < ward.Scores[2] && ward.Scores[2] < ward.Scores[3]);
    }
}
