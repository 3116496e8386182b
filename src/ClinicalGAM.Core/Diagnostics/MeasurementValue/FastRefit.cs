using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Ebm;

namespace ClinicalGAM.Core.Diagnostics.MeasurementValue;

/// <summary>
/// The quick EBM used for every refit in measurement-value and fairness analyses: few bags, no pairs, a larger step,
/// so dozens of refits stay interactive. Its settings are reported with the results, since the numbers depend on it.
/// </summary>
public static class FastRefit
{
    public const int Bags = 2;
    // No pairs, so the coarser pair binning (a second quantile pass per feature) is never used: MaxInteractionBins =
    // MaxBins skips it without changing any fit.
    public static readonly EbmOptions Options = new() { OuterBags = Bags, LearningRate = 0.05, MaxRounds = 2000, EarlyStoppingRounds = 30, MaxInteractionBins = 1024 };

    public static string Describe => $"EBM refit: {Bags} bags, no pairs, learning rate {Options.LearningRate}, at most {Options.MaxRounds} rounds";

    /// <summary>
    /// Quicker still, for ranking candidates inside the panel search only (never for a reported number): one bag on
    /// one thread (candidates are fitted side by side instead), a doubled step, 256 bins, 25 smoothing rounds instead of
    /// 75, earlier stopping.
    /// </summary>
    public static readonly EbmOptions SearchOptions = new()
    {
        OuterBags = 1, LearningRate = 0.1, MaxRounds = 1000, EarlyStoppingRounds = 15, MaxBins = 256, MaxInteractionBins = 256, SmoothingRounds = 25,
    };

    public static string DescribeSearch => $"search fits: 1 bag, learning rate {SearchOptions.LearningRate}, {SearchOptions.MaxBins} bins";

    public static GamModel Fit(CohortTable cohort, string outcome, IReadOnlyList<string> features, int[] trainRows, int seed,
        CancellationToken cancellationToken, string? weightColumn = null) =>
        new EbmTrainer(Options).Fit(cohort, new ModelSpecification
        {
            Outcome = outcome, Features = features.ToArray(), Seed = seed, Interactions = 0, Bags = Bags, WeightColumn = weightColumn,
        }, trainRows, null, cancellationToken);

    /// <summary>A search fit (see SearchOptions), single-threaded so that several run at once.</summary>
    public static GamModel SearchFit(CohortTable cohort, string outcome, IReadOnlyList<string> features, int[] trainRows, int seed,
        CancellationToken cancellationToken) =>
        new EbmTrainer(SearchOptions).Fit(cohort, new ModelSpecification
        {
            Outcome = outcome, Features = features.ToArray(), Seed = seed, Interactions = 0, Bags = 1, MaxThreads = 1,
        }, trainRows, null, cancellationToken);

    /// <summary>Intercept-only model (no measurements): predicts the training prevalence for everyone.</summary>
    public static double[] Prevalence(double[] labels, int[] trainRows, int n)
    {
        double p = trainRows.Average(r => labels[r]);
        return Enumerable.Repeat(p, n).ToArray();
    }
}
