using ClinicalGAM.Core.Data;
using Microsoft.ML;

namespace ClinicalGAM.Core.Modeling.MlNet;

/// <summary>
/// The training rows as ML.NET sees them: outcome, weights, the learnt featurizer and the loaded data view. Shared by
/// the ML.NET GAM and the FastTree reference so that both check their inputs and encode features the same way.
/// </summary>
internal sealed record MlNetTrainingSet(MLContext Ml, IDataView Data, MlNetFeaturizer Featurizer, float[] Weights,
    string? WeightColumn)
{
    public static MlNetTrainingSet Prepare(CohortTable cohort, ModelSpecification spec, int[] trainingRows, string engine,
        IProgress<FitProgress>? progress, CancellationToken ct)
    {
        if (spec.Objective == Objective.Poisson)
            throw new NotSupportedException($"{engine} fits binary (logloss) and continuous (rmse) outcomes only; use the ebm engine for counts.");
        if (trainingRows.Length == 0) throw new ArgumentException("No training rows.", nameof(trainingRows));
        ct.ThrowIfCancellationRequested();

        progress?.Report(new FitProgress("Preparing features", 0.02));
        var labels = OutcomeLabels.Read(cohort, spec.Outcome, spec.Objective, trainingRows);
        var weights = OutcomeLabels.Weights(cohort, spec.WeightColumn, trainingRows);
        var featurizer = MlNetFeaturizer.Learn(cohort, spec.Features, trainingRows);
        if (featurizer.Slots.Length == 0)
            throw new ArgumentException("None of the chosen features varies within the training rows; there is nothing to fit.");
        var ml = new MLContext(spec.Seed);
        var data = MlNetData.Load(ml, featurizer.Transform(cohort, trainingRows), featurizer.Slots.Length, labels, weights);
        ct.ThrowIfCancellationRequested();
        return new MlNetTrainingSet(ml, data, featurizer, weights, spec.WeightColumn is null ? null : nameof(MlNetRow.Weight));
    }
}
