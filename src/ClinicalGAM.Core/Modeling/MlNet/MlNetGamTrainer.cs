using System.Diagnostics;
using System.Globalization;
using ClinicalGAM.Core.Data;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers.FastTree;

namespace ClinicalGAM.Core.Modeling.MlNet;

/// <summary>ML.NET GAM settings; the defaults are ML.NET's own.</summary>
public sealed record MlNetGamOptions
{
    public int Iterations { get; init; } = 9500;
    public double LearningRate { get; init; } = 0.002;
    public int MaximumBinCountPerFeature { get; init; } = 255;
}

/// <summary>
/// The baseline engine: ML.NET's GAM (Microsoft.ML.FastTree, boosted stumps per feature, Lou et al. 2012), converted
/// into our <see cref="GamModel"/> so it is plotted, stored and scored like any other. The converted model reproduces
/// ML.NET's own predictions (ML.NET computes in float, so up to float rounding). For binary outcomes ML.NET's Platt
/// calibration is folded into the log-odds scale. No pairs and no bagging, so error bars are zero.
/// </summary>
public sealed class MlNetGamTrainer : IGamTrainer
{
    private readonly MlNetGamOptions _options;

    public MlNetGamTrainer(MlNetGamOptions? options = null) => _options = options ?? new MlNetGamOptions();

    public string Name => "mlnet-gam";

    public GamModel Fit(CohortTable cohort, ModelSpecification specification, int[] trainingRows,
        IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var fit = FitWithMlNet(cohort, specification, trainingRows, progress, cancellationToken);
        return fit.Model;
    }

    internal sealed record MlNetFit(GamModel Model, ITransformer Transformer, MlNetFeaturizer Featurizer, MLContext Context);

    internal MlNetFit FitWithMlNet(CohortTable cohort, ModelSpecification spec, int[] trainingRows,
        IProgress<FitProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var (ml, data, featurizer, weights, weightColumn) =
            MlNetTrainingSet.Prepare(cohort, spec, trainingRows, "ML.NET's GAM", progress, ct);

        progress?.Report(new FitProgress("Boosting (ML.NET GAM)", 0.1));
        ITransformer transformer;
        GamModelParametersBase parameters;
        double slope = 1, offset = 0;
        if (spec.Objective == Objective.LogLoss)
        {
            var trainer = ml.BinaryClassification.Trainers.Gam(new GamBinaryTrainer.Options
            {
                LabelColumnName = nameof(MlNetRow.Label), FeatureColumnName = nameof(MlNetRow.Features),
                ExampleWeightColumnName = weightColumn, NumberOfIterations = _options.Iterations,
                LearningRate = _options.LearningRate, MaximumBinCountPerFeature = _options.MaximumBinCountPerFeature,
                NumberOfThreads = spec.MaxThreads,
            });
            var t = MlNetCancellation.Run(ml, () => trainer.Fit(data), ct, "ML.NET GAM");
            transformer = t;
            parameters = t.Model.SubModel;
            // ML.NET's probability is 1 / (1 + exp(Slope·score + Offset)), so log-odds = -(Slope·score + Offset).
            var platt = (PlattCalibrator)t.Model.Calibrator;
            slope = -platt.Slope;
            offset = -platt.Offset;
        }
        else
        {
            var trainer = ml.Regression.Trainers.Gam(new GamRegressionTrainer.Options
            {
                LabelColumnName = nameof(MlNetRow.Target), FeatureColumnName = nameof(MlNetRow.Features),
                ExampleWeightColumnName = weightColumn, NumberOfIterations = _options.Iterations,
                LearningRate = _options.LearningRate, MaximumBinCountPerFeature = _options.MaximumBinCountPerFeature,
                NumberOfThreads = spec.MaxThreads,
            });
            var t = MlNetCancellation.Run(ml, () => trainer.Fit(data), ct, "ML.NET GAM");
            transformer = t;
            parameters = t.Model;
        }
        ct.ThrowIfCancellationRequested();

        progress?.Report(new FitProgress("Converting shape functions", 0.95));
        var model = MlNetGamConverter.Convert(parameters, slope, offset, featurizer, cohort, trainingRows, weights,
            new ModelInfo
            {
                Engine = Name, Outcome = spec.Outcome, Objective = spec.Objective, Seed = spec.Seed,
                Features = spec.Features.ToArray(), WeightColumn = spec.WeightColumn, TrainingRows = trainingRows.Length,
                FitSeconds = clock.Elapsed.TotalSeconds,
                Settings = new Dictionary<string, string>
                {
                    ["iterations"] = _options.Iterations.ToString(CultureInfo.InvariantCulture),
                    ["learning_rate"] = _options.LearningRate.ToString("R", CultureInfo.InvariantCulture),
                    ["max_bins"] = _options.MaximumBinCountPerFeature.ToString(CultureInfo.InvariantCulture),
                    ["missing"] = "median fill + missing indicator",
                    ["categorical"] = "one indicator per level",
                },
            });
        progress?.Report(new FitProgress("Done", 1.0));
        return new MlNetFit(model, transformer, featurizer, ml);
    }
}
