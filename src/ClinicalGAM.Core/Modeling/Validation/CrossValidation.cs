using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Metrics;

namespace ClinicalGAM.Core.Modeling.Validation;

/// <summary>Out-of-fold performance of one fold: the model fitted on the other folds, scored on this one.</summary>
public sealed record FoldResult(int Fold, int TrainingRows, int ValidationRows, int ValidationEvents, double Auc, double LogLoss);

/// <summary>k-fold cross-validation of a specification on the training rows: per-fold results, mean and sd of the AUC.</summary>
public sealed record CrossValidationResult(int Folds, int Seed, IReadOnlyList<FoldResult> PerFold)
{
    /// <summary>Mean out-of-fold AUC over the folds with both classes (NaN if none).</summary>
    public double MeanAuc => Finite.Count == 0 ? double.NaN : Finite.Average();

    /// <summary>Sample standard deviation of the out-of-fold AUC (NaN with fewer than two usable folds).</summary>
    public double AucStandardDeviation
    {
        get
        {
            if (Finite.Count < 2) return double.NaN;
            double mean = MeanAuc;
            return Math.Sqrt(Finite.Sum(a => (a - mean) * (a - mean)) / (Finite.Count - 1));
        }
    }

    private List<double> Finite => PerFold.Select(f => f.Auc).Where(double.IsFinite).ToList();
}

/// <summary>
/// k-fold cross-validation behind any <see cref="IGamTrainer"/>. The training rows are dealt into k folds stratified on
/// the outcome (reproducible from <paramref name="seed"/>); each fold is scored by a model fitted on the other k-1.
/// Held-out test rows must not be passed in: they never reach a fit. The caller still fits the final model on all
/// training rows; cross-validation only measures how stable the specification is.
/// </summary>
public sealed class CrossValidation(IGamTrainer trainer)
{
    public const int DefaultFolds = 5;

    /// <summary>
    /// Fold number (0..k-1) of each training row, in the order of <paramref name="trainingRows"/>. Within each outcome
    /// class the rows are shuffled and dealt round-robin, so every fold keeps the prevalence.
    /// </summary>
    public static int[] AssignFolds(double[] labels, int[] trainingRows, int folds, int seed)
    {
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds), folds, "Cross-validation needs at least 2 folds.");
        if (trainingRows.Length < folds)
            throw new ArgumentException($"{trainingRows.Length} training rows cannot be split into {folds} folds.", nameof(trainingRows));
        var random = new SeededRandom(seed, stream: 11);
        var assignment = new int[trainingRows.Length];
        int next = 0;
        foreach (var stratum in Enumerable.Range(0, trainingRows.Length).GroupBy(k => labels[trainingRows[k]]).OrderBy(g => g.Key))
        {
            var positions = stratum.ToArray();
            random.Shuffle(positions.AsSpan());
            // Continue the round-robin across strata so fold sizes differ by at most one.
            foreach (int position in positions) assignment[position] = next++ % folds;
        }
        return assignment;
    }

    /// <summary>
    /// Fits the specification k times and scores each fold. Progress runs 0..1 over all folds; cancellation stops the
    /// fold being fitted. Labels are 0/1 for every training row.
    /// </summary>
    public CrossValidationResult Run(CohortTable cohort, ModelSpecification specification, double[] labels, int[] trainingRows,
        int folds = DefaultFolds, int seed = 42, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var assignment = AssignFolds(labels, trainingRows, folds, seed);
        var results = new List<FoldResult>(folds);
        for (int fold = 0; fold < folds; fold++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fit = new List<int>();
            var held = new List<int>();
            for (int k = 0; k < trainingRows.Length; k++) (assignment[k] == fold ? held : fit).Add(trainingRows[k]);
            int current = fold;
            var foldProgress = progress is null ? null : new FoldProgress(progress, current, folds);
            var model = trainer.Fit(cohort, specification, fit.ToArray(), foldProgress, cancellationToken);
            var risk = model.Predict(cohort, cancellationToken);
            var y = held.Select(i => labels[i]).ToArray();
            var p = held.Select(i => risk[i]).ToArray();
            results.Add(new FoldResult(fold + 1, fit.Count, held.Count, (int)y.Sum(), BinaryMetrics.RocAuc(y, p), BinaryMetrics.LogLoss(y, p)));
            progress?.Report(new FitProgress($"fold {fold + 1}/{folds} scored", (fold + 1.0) / folds));
        }
        return new CrossValidationResult(folds, seed, results);
    }

    // Maps a fold's own 0..1 progress into its slice of the whole run and names the fold in the stage.
    private sealed class FoldProgress(IProgress<FitProgress> outer, int fold, int folds) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) =>
            outer.Report(value with { Stage = $"fold {fold + 1}/{folds}: {value.Stage}", Fraction = (fold + Math.Clamp(value.Fraction, 0, 1)) / folds });
    }
}
