using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Modeling.Operations;

/// <summary>Per patient: the mean and standard deviation, across bags, of each bag's own prediction (outcome scale).</summary>
public sealed record UncertainPredictions(double[] Mean, double[] StandardDeviation, int Bags);

public static class PredictionUncertainty
{
    /// <summary>
    /// Scores every bag separately (its intercept plus its term scores) and summarises across bags. A model without
    /// bag scores has no spread to report: its own prediction is returned with a standard deviation of 0 and Bags = 1.
    /// </summary>
    public static UncertainPredictions PredictWithUncertainty(this GamModel model, CohortTable cohort,
        CancellationToken cancellationToken = default)
    {
        bool bagged = model.BagIntercepts is { Length: > 0 } && model.Terms.All(t => t.BagScores is not null);
        if (!bagged) return new UncertainPredictions(model.Predict(cohort, cancellationToken), new double[cohort.RowCount], 1);

        var cells = model.CellIndices(cohort, cancellationToken);
        int bags = model.BagIntercepts!.Length, rows = cohort.RowCount;
        var sum = new double[rows];
        var sumSquares = new double[rows];
        var eta = new double[rows];
        for (int b = 0; b < bags; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Array.Fill(eta, model.BagIntercepts[b]);
            for (int t = 0; t < model.Terms.Count; t++)
            {
                var scores = model.Terms[t].BagScores![b];
                var c = cells[t];
                for (int i = 0; i < rows; i++) eta[i] += scores[c[i]];
            }
            for (int i = 0; i < rows; i++)
            {
                double p = ObjectiveLink.Inverse(model.Info.Objective, eta[i]);
                sum[i] += p;
                sumSquares[i] += p * p;
            }
        }
        var mean = new double[rows];
        var sd = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            mean[i] = sum[i] / bags;
            double variance = bags > 1 ? (sumSquares[i] - bags * mean[i] * mean[i]) / (bags - 1) : 0;
            sd[i] = Math.Sqrt(Math.Max(0, variance));
        }
        return new UncertainPredictions(mean, sd, bags);
    }
}
