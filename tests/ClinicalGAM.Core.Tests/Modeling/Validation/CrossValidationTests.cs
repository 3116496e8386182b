using System.Collections.Concurrent;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Ebm;
using ClinicalGAM.Core.Modeling.Validation;
using ClinicalGAM.Core.Tests.Modeling.Ebm;

namespace ClinicalGAM.Core.Tests.Modeling.Validation;

public class CrossValidationTests
{
    private static readonly CohortTable Cohort = SimulatedCohort.Binary(600, 5);
    private static readonly double[] Labels = OutcomeValidator.RequireBinary(Cohort, "outcome");
    private static readonly DataSplit Split = CohortSplit.Stratified(Labels, 0.2, 3);
    private static readonly ModelSpecification Spec = SimulatedCohort.BinarySpec(bags: 2);

    // Few bags and rounds keep each fold's fit well under a second.
    private static EbmTrainer FastEbm() => new(new EbmOptions { OuterBags = 2, MaxRounds = 300, InteractionsPerFeature = 0 });

    /// <summary>The real engine, recording which rows each fit was given.</summary>
    private sealed class RecordingTrainer(IGamTrainer inner) : IGamTrainer
    {
        public ConcurrentQueue<int[]> Fits { get; } = new();
        public string Name => inner.Name;

        public GamModel Fit(CohortTable cohort, ModelSpecification specification, int[] trainingRows,
            IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            Fits.Enqueue(trainingRows);
            return inner.Fit(cohort, specification, trainingRows, progress, cancellationToken);
        }
    }

    [Fact]
    public void Folds_have_near_equal_sizes_and_keep_the_prevalence()
    {
        var folds = CrossValidation.AssignFolds(Labels, Split.Train, 5, 9);

        for (int f = 0; f < 5; f++)
        {
            var members = Enumerable.Range(0, folds.Length).Where(k => folds[k] == f).ToArray();
            Assert.InRange(members.Length, Split.Train.Length / 5, Split.Train.Length / 5 + 1);
            double events = members.Sum(k => Labels[Split.Train[k]]);
            double expected = Split.Train.Sum(i => Labels[i]) / 5;
            Assert.InRange(events, Math.Floor(expected) - 1, Math.Ceiling(expected) + 1);
        }
    }

    [Fact]
    public void Folds_are_reproducible_from_the_seed_and_change_with_it()
    {
        var a = CrossValidation.AssignFolds(Labels, Split.Train, 5, 9);
        var b = CrossValidation.AssignFolds(Labels, Split.Train, 5, 9);
        var c = CrossValidation.AssignFolds(Labels, Split.Train, 5, 10);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Each_training_row_is_held_out_once_and_test_rows_never_reach_a_fit()
    {
        var trainer = new RecordingTrainer(FastEbm());
        var reports = new List<FitProgress>();

        var result = new CrossValidation(trainer).Run(Cohort, Spec, Labels, Split.Train, folds: 3, seed: 4,
            progress: new SynchronousProgress(reports));

        Assert.Equal(3, result.PerFold.Count);
        Assert.Equal(3, trainer.Fits.Count);
        var test = Split.Test.ToHashSet();
        Assert.All(trainer.Fits, rows => Assert.DoesNotContain(rows, test.Contains));
        // A training row is left out of exactly one of the k fits.
        var leftOut = Split.Train.ToDictionary(r => r, r => trainer.Fits.Count(f => Array.BinarySearch(f, r) < 0));
        Assert.All(leftOut.Values, n => Assert.Equal(1, n));
        Assert.Equal(Split.Train.Length, result.PerFold.Sum(f => f.ValidationRows));
        Assert.All(result.PerFold, f => Assert.Equal(Split.Train.Length, f.TrainingRows + f.ValidationRows));
        // The planted effects are strong: every fold discriminates well above chance.
        Assert.All(result.PerFold, f => Assert.InRange(f.Auc, 0.65, 1.0));
        Assert.InRange(result.AucStandardDeviation, 0, 0.2);
        Assert.Equal(result.PerFold.Average(f => f.Auc), result.MeanAuc, 12);
        // Progress covers all folds, never goes back, and names the fold.
        Assert.Equal(1.0, reports[^1].Fraction, 9);
        for (int i = 1; i < reports.Count; i++) Assert.True(reports[i].Fraction >= reports[i - 1].Fraction - 1e-12);
        Assert.Contains(reports, r => r.Stage.StartsWith("fold 3/3", StringComparison.Ordinal));
    }

    [Fact]
    public void Cancellation_stops_before_the_next_fold()
    {
        var trainer = new RecordingTrainer(FastEbm());
        using var cts = new CancellationTokenSource();
        // Cancel as soon as the first fold has been scored.
        var progress = new SynchronousProgress(null, p => { if (p.Stage == "fold 1/4 scored") cts.Cancel(); });

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new CrossValidation(trainer).Run(Cohort, Spec, Labels, Split.Train, folds: 4, seed: 4, progress: progress, cancellationToken: cts.Token));
        Assert.Single(trainer.Fits);
    }

    [Fact]
    public void Mean_and_sd_ignore_folds_without_both_classes()
    {
        var result = new CrossValidationResult(3, 1, [new FoldResult(1, 10, 5, 2, 0.7, 0.5), new FoldResult(2, 10, 5, 0, double.NaN, 0.4),
            new FoldResult(3, 10, 5, 1, 0.9, 0.3)]);

        Assert.Equal(0.8, result.MeanAuc, 12);
        Assert.Equal(Math.Sqrt(0.02), result.AucStandardDeviation, 12);
    }

    [Fact]
    public void Fewer_rows_than_folds_is_refused()
    {
        Assert.Throws<ArgumentException>(() => CrossValidation.AssignFolds([0, 1, 0], [0, 1, 2], 5, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CrossValidation.AssignFolds([0, 1, 0], [0, 1, 2], 1, 1));
    }

    // Progress<T> posts to the thread pool; tests need the reports in order, on the calling thread.
    private sealed class SynchronousProgress(List<FitProgress>? into, Action<FitProgress>? also = null) : IProgress<FitProgress>
    {
        public void Report(FitProgress value)
        {
            into?.Add(value);
            also?.Invoke(value);
        }
    }
}
