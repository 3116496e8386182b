using System.Diagnostics;
using ClinicalGAM.Core.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClinicalGAM.Core.Modeling.MlNet;

/// <summary>
/// The black-box reference: ML.NET FastTree (boosted trees of 20 leaves, ML.NET defaults) on the same features as the
/// GAM engines. Not interpretable and not a GAM; it tells how much accuracy the additive structure costs.
/// </summary>
public static class FastTreeReference
{
    public const string EngineName = "fasttree";

    public static IRiskScorer Fit(CohortTable cohort, ModelSpecification specification, int[] trainingRows,
        IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var spec = specification;
        var clock = Stopwatch.StartNew();
        var (ml, data, featurizer, _, weightColumn) =
            MlNetTrainingSet.Prepare(cohort, spec, trainingRows, "The FastTree reference", progress, cancellationToken);

        progress?.Report(new FitProgress("Boosting (ML.NET FastTree)", 0.1));
        var transformer = MlNetCancellation.Run<ITransformer>(ml, () => spec.Objective == Objective.LogLoss
            ? ml.BinaryClassification.Trainers.FastTree(new Microsoft.ML.Trainers.FastTree.FastTreeBinaryTrainer.Options
            {
                LabelColumnName = nameof(MlNetRow.Label), FeatureColumnName = nameof(MlNetRow.Features),
                ExampleWeightColumnName = weightColumn, NumberOfThreads = spec.MaxThreads,
            }).Fit(data)
            : ml.Regression.Trainers.FastTree(new Microsoft.ML.Trainers.FastTree.FastTreeRegressionTrainer.Options
            {
                LabelColumnName = nameof(MlNetRow.Target), FeatureColumnName = nameof(MlNetRow.Features),
                ExampleWeightColumnName = weightColumn, NumberOfThreads = spec.MaxThreads,
            }).Fit(data), cancellationToken, "FastTree");
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new FitProgress("Done", 1.0));
        var info = new ModelInfo
        {
            Engine = EngineName, Outcome = spec.Outcome, Objective = spec.Objective, Seed = spec.Seed,
            Features = spec.Features.ToArray(), WeightColumn = spec.WeightColumn, TrainingRows = trainingRows.Length,
            FitSeconds = clock.Elapsed.TotalSeconds,
        };
        return new MlNetScorer(info, ml, transformer, featurizer);
    }
}

/// <summary>Scores a cohort with a fitted ML.NET pipeline (probability for binary outcomes, the score otherwise).</summary>
internal sealed class MlNetScorer : IRiskScorer
{
    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly MlNetFeaturizer _featurizer;

    public MlNetScorer(ModelInfo info, MLContext ml, ITransformer transformer, MlNetFeaturizer featurizer)
    {
        Info = info;
        _ml = ml;
        _transformer = transformer;
        _featurizer = featurizer;
    }

    public ModelInfo Info { get; }

    public double[] Predict(CohortTable cohort, CancellationToken cancellationToken = default)
    {
        var rows = Enumerable.Range(0, cohort.RowCount).ToArray();
        var data = MlNetData.Load(_ml, _featurizer.Transform(cohort, rows), _featurizer.Slots.Length);
        cancellationToken.ThrowIfCancellationRequested();
        var scored = _transformer.Transform(data);
        string column = Info.Objective == Objective.LogLoss ? "Probability" : "Score";
        return scored.GetColumn<float>(column).Select(v => (double)v).ToArray();
    }
}
