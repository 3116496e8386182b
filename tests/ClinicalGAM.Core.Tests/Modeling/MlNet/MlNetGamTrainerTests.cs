using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Metrics;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.MlNet;
using CsCheck;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace ClinicalGAM.Core.Tests.MlNet;

public class MlNetGamTrainerTests
{
    private static readonly MlNetGamOptions Quick = new() { Iterations = 300, LearningRate = 0.02 };

    private static ModelSpecification Spec(Objective objective = Objective.LogLoss) => new()
    {
        Outcome = objective == Objective.LogLoss ? "smm" : "length_of_stay",
        Features = SmallCohort.Features, Objective = objective, Engine = "mlnet-gam", Seed = 3,
    };

    private static double[] MlNetOwnPredictions(MlNetGamTrainer.MlNetFit fit, CohortTable cohort, Objective objective) =>
        new MlNetScorer(fit.Model.Info, fit.Context, fit.Transformer, fit.Featurizer).Predict(cohort);

    [Theory]
    [InlineData(Objective.LogLoss, 1e-5)]
    [InlineData(Objective.Rmse, 1e-4)]
    public void ConvertedModelReproducesMlNetPredictions(Objective objective, double tolerance)
    {
        var cohort = SmallCohort.Create();
        var fit = new MlNetGamTrainer(Quick).FitWithMlNet(cohort, Spec(objective), SmallCohort.TrainingRows(cohort), null, default);
        var ours = fit.Model.Predict(cohort);
        var theirs = MlNetOwnPredictions(fit, cohort, objective);
        double maxDiff = ours.Zip(theirs, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(maxDiff < tolerance, $"max |ours - ML.NET| = {maxDiff}");
        // The comparison is only meaningful if the model actually varies across patients.
        Assert.True(ours.Max() - ours.Min() > 0.1);
    }

    [Fact]
    public void SlotsMlNetDropsAreMappedCorrectly()
    {
        // A flag set in only two training rows gives ML.NET too few examples to split, so it drops that slot and
        // renumbers its shape functions; placed first, every later slot's index shifts.
        var cohort = SmallCohort.Create();
        var flag = new double[cohort.RowCount];
        flag[0] = flag[2] = 1;
        cohort = cohort.With(new NumericColumn("rare_flag", flag, ColumnKind.Binary));
        var spec = Spec() with { Features = ["rare_flag", .. SmallCohort.Features] };
        var fit = new MlNetGamTrainer(Quick).FitWithMlNet(cohort, spec, SmallCohort.TrainingRows(cohort), null, default);
        var gam = ((BinaryPredictionTransformer<CalibratedModelParametersBase<GamBinaryModelParameters, PlattCalibrator>>)fit.Transformer).Model.SubModel;
        Assert.True(gam.NumberOfShapeFunctions < fit.Featurizer.Slots.Length, "ML.NET dropped the rare slot");
        var ours = fit.Model.Predict(cohort);
        var theirs = MlNetOwnPredictions(fit, cohort, Objective.LogLoss);
        Assert.True(ours.Zip(theirs, (a, b) => Math.Abs(a - b)).Max() < 1e-5);
        Assert.All(fit.Model.Term("rare_flag")!.Scores, s => Assert.Equal(0, s));
    }

    [Fact]
    public void MissingValuesAndUnseenLevelsAreScoredLikeMlNet()
    {
        var cohort = SmallCohort.Create();
        var fit = new MlNetGamTrainer(Quick).FitWithMlNet(cohort, Spec(), SmallCohort.TrainingRows(cohort), null, default);
        // A new patient: Hb missing, a delivery mode never seen in training, age beyond the training range.
        var newPatients = new CohortTable(
        [
            new NumericColumn("age", [55, 10]),
            new NumericColumn("hb", [double.NaN, 25]),
            new CategoricalColumn("mode", [0, -1], ["planned home birth"]),
        ]);
        var ours = fit.Model.Predict(newPatients);
        var theirs = MlNetOwnPredictions(fit, newPatients, Objective.LogLoss);
        for (int i = 0; i < ours.Length; i++) Assert.Equal(theirs[i], ours[i], 5);
        var hb = fit.Model.Term("hb")!;
        Assert.True(hb.BinWeights[0] > 0, "training rows with missing Hb land in the missing bin");
        Assert.NotEqual(0, hb.Scores[0]);
    }

    [Fact]
    public void TermsAreCentredOnTheTrainingRows()
    {
        var cohort = SmallCohort.Create();
        var model = new MlNetGamTrainer(Quick).Fit(cohort, Spec(), SmallCohort.TrainingRows(cohort));
        Assert.Equal(3, model.Terms.Count);
        foreach (var term in model.Terms)
        {
            double mean = term.Scores.Zip(term.BinWeights, (s, w) => s * w).Sum() / term.BinWeights.Sum();
            Assert.Equal(0, mean, 9);
            Assert.Equal(400, term.BinWeights.Sum());
        }
    }

    [Fact]
    public void RecoversTheSimulatedShapes()
    {
        var cohort = SmallCohort.Create(rows: 4000);
        var model = new MlNetGamTrainer(Quick).Fit(cohort, Spec(), SmallCohort.TrainingRows(cohort));
        var hb = model.Term("hb")!;
        double low = hb.Scores[hb.Binnings[0].BinOf(7.0)], high = hb.Scores[hb.Binnings[0].BinOf(12.0)];
        Assert.True(low - high > 0.5, $"anaemia raises risk (Hb 7: {low:F2}, Hb 12: {high:F2})");
        var mode = model.Term("mode")!;
        Assert.True(mode.Scores[3] > mode.Scores[2], "caesarean above assisted");
        var p = model.Predict(cohort);
        var test = SmallCohort.TestRows(cohort);
        var labels = test.Select(i => ((NumericColumn)cohort["smm"])[i]).ToArray();
        Assert.True(BinaryMetrics.RocAuc(labels, test.Select(i => p[i]).ToArray()) > 0.7);
    }

    [Fact]
    public void HeldOutOutcomesDoNotChangeTheModel()
    {
        var cohort = SmallCohort.Create();
        var train = SmallCohort.TrainingRows(cohort);
        var flipped = ((NumericColumn)cohort["smm"]).Values.ToArray();
        foreach (int i in SmallCohort.TestRows(cohort)) flipped[i] = 1 - flipped[i];
        var other = cohort.With(new NumericColumn("smm", flipped, ColumnKind.Binary));
        var a = new MlNetGamTrainer(Quick).Fit(cohort, Spec(), train);
        var b = new MlNetGamTrainer(Quick).Fit(other, Spec(), train);
        // ML.NET's multi-threaded boosting is not bit-reproducible, so allow float-level noise; using the flipped
        // held-out outcomes would move scores by tenths.
        Assert.Equal(a.Intercept, b.Intercept, 4);
        for (int t = 0; t < a.Terms.Count; t++)
            for (int c = 0; c < a.Terms[t].Scores.Length; c++) Assert.Equal(a.Terms[t].Scores[c], b.Terms[t].Scores[c], 4);
    }

    [Fact]
    public void CancelledBeforeStartThrows()
    {
        var cohort = SmallCohort.Create();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new MlNetGamTrainer(Quick).Fit(cohort, Spec(), SmallCohort.TrainingRows(cohort), null, cts.Token));
    }

    [Fact]
    public void CancelledDuringBoostingThrowsAndReportsStages()
    {
        var cohort = SmallCohort.Create();
        using var cts = new CancellationTokenSource();
        var stages = new List<string>();
        var progress = new SynchronousProgress(p =>
        {
            stages.Add(p.Stage);
            if (p.Stage.StartsWith("Boosting")) cts.Cancel();
        });
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new MlNetGamTrainer(Quick).Fit(cohort, Spec(), SmallCohort.TrainingRows(cohort), progress, cts.Token));
        Assert.Equal(["Preparing features", "Boosting (ML.NET GAM)"], stages);
    }

    [Fact]
    public void ProgressEndsAtOne()
    {
        var cohort = SmallCohort.Create();
        var fractions = new List<double>();
        new MlNetGamTrainer(Quick).Fit(cohort, Spec(), SmallCohort.TrainingRows(cohort), new SynchronousProgress(p => fractions.Add(p.Fraction)));
        Assert.Equal(1.0, fractions[^1]);
        Assert.Equal(fractions.Order(), fractions);
    }

    [Fact]
    public void PoissonIsRefused() =>
        Assert.Throws<NotSupportedException>(() =>
            new MlNetGamTrainer(Quick).Fit(SmallCohort.Create(), Spec(Objective.Poisson), [0, 1, 2]));

    [Fact]
    public void NonBinaryOutcomeNamesLineAndColumn()
    {
        var cohort = SmallCohort.Create();
        var e = Assert.Throws<CohortFormatException>(() =>
            new MlNetGamTrainer(Quick).Fit(cohort, Spec() with { Outcome = "age" }, SmallCohort.TrainingRows(cohort)));
        Assert.NotNull(e.Line);
        Assert.Equal("age", e.Column);
    }

    [Fact]
    public void MissingTrainingOutcomeNamesLineAndColumn()
    {
        var cohort = SmallCohort.Create();
        var y = ((NumericColumn)cohort["smm"]).Values.ToArray();
        y[4] = double.NaN;
        var e = Assert.Throws<CohortFormatException>(() => new MlNetGamTrainer(Quick).Fit(
            cohort.With(new NumericColumn("smm", y, ColumnKind.Binary)), Spec(), SmallCohort.TrainingRows(cohort)));
        Assert.Equal(6, e.Line);
        Assert.Equal("smm", e.Column);
    }

    [Fact]
    public void CutsAgreeWithMlNetFloatComparison()
    {
        Gen.Select(Gen.Float[-1e6f, 1e6f], Gen.Double[-1e6, 1e6], Gen.Double[-1, 1])
            .Sample((ubFloat, x, jitter) =>
            {
                // ML.NET's upper bounds are doubles (often midpoints between float values).
                double ub = ubFloat + jitter * 1e-3;
                var cuts = MlNetGamConverter.CutsFromUpperBounds([ub, double.PositiveInfinity]);
                Assert.Single(cuts);
                // Values near the cut matter most: probe x itself and values straddling the cut.
                foreach (double v in new[] { x, cuts[0], Math.BitDecrement(cuts[0]), Math.BitIncrement(cuts[0]), ub })
                    Assert.Equal((double)(float)v > ub, v >= cuts[0]);
            }, iter: 2000);
    }

    private sealed class SynchronousProgress(Action<FitProgress> report) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => report(value);
    }
}
