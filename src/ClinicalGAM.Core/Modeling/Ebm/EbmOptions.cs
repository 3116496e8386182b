using System.Globalization;

namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// Every setting of the explainable boosting engine. Defaults follow InterpretML's EBM 0.7.x so that our models are
/// comparable with theirs; ModelSpecification values (bags, interactions, monotone, seed, threads) take precedence.
/// </summary>
public sealed record EbmOptions
{
    /// <summary>Most bins per feature for main effects (quantile cuts; plus the missing bin). Defaults to 1024.</summary>
    public int MaxBins { get; init; } = 1024;
    /// <summary>Most bins per feature inside a pairwise interaction. Defaults to 64.</summary>
    public int MaxInteractionBins { get; init; } = 64;
    /// <summary>Category levels with fewer training rows than this share the "other/unseen" bin. Defaults to 10.</summary>
    public int MinCategorySamples { get; init; } = 10;

    /// <summary>Outer bags, each a train/validation split boosted independently. Defaults to 14.</summary>
    public int OuterBags { get; init; } = 14;
    /// <summary>Share of each bag's rows held out for early stopping (stratified for binary outcomes). Defaults to 0.15.</summary>
    public double ValidationSize { get; init; } = 0.15;

    /// <summary>Step size for log loss (binary outcomes). Defaults to 0.015.</summary>
    public double LearningRate { get; init; } = 0.015;
    /// <summary>Step size for RMSE (continuous outcomes). Defaults to 0.04.</summary>
    public double RegressionLearningRate { get; init; } = 0.04;
    /// <summary>Step size for Poisson (counts). Defaults to 0.015, as for log loss.</summary>
    public double PoissonLearningRate { get; init; } = 0.015;
    /// <summary>Most boosting rounds (a round = one step per term). Defaults to 50,000.</summary>
    public int MaxRounds { get; init; } = 50_000;
    /// <summary>Leaves per term tree (2 = one cut; the missing bin always gets its own update). Defaults to 2.</summary>
    public int MaxLeaves { get; init; } = 2;
    /// <summary>Fewest training rows in a leaf. Defaults to 4.</summary>
    public int MinSamplesLeaf { get; init; } = 4;
    /// <summary>Smallest hessian sum in a leaf. Defaults to 1e-4.</summary>
    public double MinHessian { get; init; } = 1e-4;
    /// <summary>Initial cyclic rounds with random cuts (smooth shapes) for main effects. Defaults to 75.</summary>
    public int SmoothingRounds { get; init; } = 75;
    /// <summary>Initial cyclic rounds with random cuts for interactions. Defaults to 75.</summary>
    public int InteractionSmoothingRounds { get; init; } = 75;
    /// <summary>Greedy steps per cyclic gain survey, as a multiple of the number of terms. Defaults to 10.</summary>
    public double GreedyRatio { get; init; } = 10.0;
    /// <summary>Gains of nominal (unordered) features are multiplied by this when choosing the next term. Defaults to 5.</summary>
    public double NominalGainScale { get; init; } = 5.0;
    /// <summary>Smoothing added to the hessian when ordering categories by mean gradient. Defaults to 10.</summary>
    public double CategorySmoothing { get; init; } = 10.0;

    /// <summary>Stop when validation loss has not improved for this many rounds. Defaults to 100 (InterpretML's).</summary>
    public int EarlyStoppingRounds { get; init; } = 100;
    /// <summary>
    /// The window for bags with at least <see cref="LargeValidationRows"/> validation rows, when shorter than
    /// <see cref="EarlyStoppingRounds"/>. The window guards against stopping on the noise of the validation loss, and
    /// that noise shrinks as the validation set grows: on the 1,000,000-row synthetic cohort (150,000 validation rows per
    /// bag) 50 rounds gave the same test AUC as 100 (0.8660) in 259-325 s instead of 332 s (2 cores). Defaults to 50.
    /// </summary>
    public int LargeValidationEarlyStoppingRounds { get; init; } = 50;
    /// <summary>Validation rows of a bag from which <see cref="LargeValidationEarlyStoppingRounds"/> applies. Defaults to 100,000.</summary>
    public int LargeValidationRows { get; init; } = 100_000;

    /// <summary>The early-stopping window, in rounds, for a bag with this many validation rows.</summary>
    public int EarlyStoppingRoundsFor(int validationRows) => validationRows >= LargeValidationRows
        ? Math.Min(EarlyStoppingRounds, LargeValidationEarlyStoppingRounds)
        : EarlyStoppingRounds;
    /// <summary>Relative improvement that counts as progress for early stopping. Defaults to 1e-5.</summary>
    public double EarlyStoppingTolerance { get; init; } = 1e-5;

    /// <summary>
    /// Early stopping also stops when a window of rounds improves the validation loss by less than this share of the
    /// stage's intercept-only validation loss. The relative tolerance alone never fires on nearly separable data (the
    /// loss creeps towards zero); this floor does. Defaults to 1e-5 (about InterpretML's tolerance on ordinary data,
    /// where the loss stays near the intercept-only loss).
    /// </summary>
    public double EarlyStoppingMinImprovement { get; init; } = 1e-5;
    /// <summary>
    /// Cap on boosting rounds per training row of the bag (on top of MaxRounds), so that small cohorts cannot boost
    /// for tens of thousands of rounds: 569 rows allow about 8,000 rounds, 100,000 rows are not capped. Defaults to 20.
    /// </summary>
    public double MaxRoundsPerTrainingRow { get; init; } = 20;

    /// <summary>Pairs to boost when the specification does not say: this multiple of the number of features. Defaults to 3.</summary>
    public double InteractionsPerFeature { get; init; } = 3.0;
    /// <summary>
    /// FAST ranks pairs on at most this many rows per bag (a fixed random subsample) so that ranking stays cheap on
    /// very large cohorts; ranks are stable long before this size. Defaults to 200,000.
    /// </summary>
    public int InteractionDetectionMaxRows { get; init; } = 200_000;
    /// <summary>Iterations of pair purification (moving main-effect parts of pairs into the mains). Defaults to 100.</summary>
    public int PurificationIterations { get; init; } = 100;

    public double LearningRateFor(Objective objective) => objective switch
    {
        Objective.Rmse => RegressionLearningRate,
        Objective.Poisson => PoissonLearningRate,
        _ => LearningRate,
    };

    /// <summary>All settings as name/value text for ModelInfo.Settings.</summary>
    public Dictionary<string, string> ToSettings()
    {
        var inv = CultureInfo.InvariantCulture;
        return new Dictionary<string, string>
        {
            ["max_bins"] = MaxBins.ToString(inv),
            ["max_interaction_bins"] = MaxInteractionBins.ToString(inv),
            ["min_category_samples"] = MinCategorySamples.ToString(inv),
            ["outer_bags"] = OuterBags.ToString(inv),
            ["validation_size"] = ValidationSize.ToString("R", inv),
            ["learning_rate"] = LearningRate.ToString("R", inv),
            ["regression_learning_rate"] = RegressionLearningRate.ToString("R", inv),
            ["poisson_learning_rate"] = PoissonLearningRate.ToString("R", inv),
            ["max_rounds"] = MaxRounds.ToString(inv),
            ["max_leaves"] = MaxLeaves.ToString(inv),
            ["min_samples_leaf"] = MinSamplesLeaf.ToString(inv),
            ["min_hessian"] = MinHessian.ToString("R", inv),
            ["smoothing_rounds"] = SmoothingRounds.ToString(inv),
            ["interaction_smoothing_rounds"] = InteractionSmoothingRounds.ToString(inv),
            ["greedy_ratio"] = GreedyRatio.ToString("R", inv),
            ["nominal_gain_scale"] = NominalGainScale.ToString("R", inv),
            ["category_smoothing"] = CategorySmoothing.ToString("R", inv),
            ["early_stopping_rounds"] = EarlyStoppingRounds.ToString(inv),
            ["large_validation_early_stopping_rounds"] = LargeValidationEarlyStoppingRounds.ToString(inv),
            ["large_validation_rows"] = LargeValidationRows.ToString(inv),
            ["early_stopping_tolerance"] = EarlyStoppingTolerance.ToString("R", inv),
            ["early_stopping_min_improvement"] = EarlyStoppingMinImprovement.ToString("R", inv),
            ["max_rounds_per_training_row"] = MaxRoundsPerTrainingRow.ToString("R", inv),
            ["interactions_per_feature"] = InteractionsPerFeature.ToString("R", inv),
            ["interaction_detection_max_rows"] = InteractionDetectionMaxRows.ToString(inv),
            ["purification_iterations"] = PurificationIterations.ToString(inv),
        };
    }
}
