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
    public static readonly EbmOptions Options = new() { OuterBags = Bags, LearningRate = 0.05, MaxRounds = 2000, EarlyStoppingRounds = 30 };

    public static string Describe => $"EBM refit: {Bags} bags, no pairs, learning rate {Options.LearningRate}, at most {Options.MaxRounds} rounds";

    public static GamModel Fit(CohortTable cohort, string outcome, IReadOnlyList<string> features, int[] trainRows, int seed,
        CancellationToken cancellationToken, string? weightColumn = null) =>
        new EbmTrainer(Options).Fit(cohort, new ModelSpecification
        {
            Outcome = outcome, Features = features.ToArray(), Seed = seed, Interactions = 0, Bags = Bags, WeightColumn = weightColumn,
        }, trainRows, null, cancellationToken);

    /// <summary>Intercept-only model (no measurements): predicts the training prevalence for everyone.</summary>
    public static double[] Prevalence(double[] labels, int[] trainRows, int n)
    {
        double p = trainRows.Average(r => labels[r]);
        return Enumerable.Repeat(p, n).ToArray();
    }
}
