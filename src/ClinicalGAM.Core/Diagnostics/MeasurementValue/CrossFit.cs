using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Diagnostics.MeasurementValue;

/// <summary>
/// K-fold cross-fitting on the training rows: each fold is predicted by a model fitted on the other folds, so every
/// training row gets an out-of-fold prediction and no row is ever scored by a model that saw it. The held-out test
/// rows are neither fitted nor scored. Folds are stratified on the outcome and seeded.
/// </summary>
public sealed class CrossFit
{
    private readonly CohortTable _cohort;
    private readonly string _outcome;
    private readonly int[] _train, _fold;
    private readonly int _seed;

    public CrossFit(CohortTable cohort, string outcome, double[] labels, int[] train, int folds, int seed)
    {
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds), folds, "Cross-fitting needs at least two folds.");
        _cohort = cohort; _outcome = outcome; _train = train; _seed = seed;
        Folds = folds;
        Labels = train.Select(r => labels[r]).ToArray();
        _fold = new int[train.Length];
        var rng = new SeededRandom(seed, 313);
        foreach (var stratum in Enumerable.Range(0, train.Length).GroupBy(i => Labels[i]).OrderBy(g => g.Key))
        {
            var idx = stratum.ToArray();
            rng.Shuffle(idx.AsSpan());
            for (int j = 0; j < idx.Length; j++) _fold[idx[j]] = j % folds;
        }
    }

    public int Folds { get; }
    /// <summary>Outcome of each training row, in the order of the out-of-fold predictions.</summary>
    public double[] Labels { get; }

    /// <summary>Out-of-fold predicted risk for each training row from FastRefit fits on the given measurements.</summary>
    public double[] OutOfFold(IReadOnlyList<string> features, CancellationToken ct)
    {
        var p = new double[_train.Length];
        for (int k = 0; k < Folds; k++)
        {
            ct.ThrowIfCancellationRequested();
            var fitting = Enumerable.Range(0, _train.Length).Where(i => _fold[i] != k).ToArray();
            var held = Enumerable.Range(0, _train.Length).Where(i => _fold[i] == k).ToArray();
            if (features.Count == 0)
            {
                double rate = fitting.Average(i => Labels[i]);
                foreach (int i in held) p[i] = rate;
                continue;
            }
            var model = FastRefit.Fit(_cohort, _outcome, features, fitting.Select(i => _train[i]).ToArray(), _seed + k, ct);
            var risk = model.Predict(_cohort, ct);
            foreach (int i in held) p[i] = risk[_train[i]];
        }
        return p;
    }
}
