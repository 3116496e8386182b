using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Cli.Support;

/// <summary>
/// The split `fit` made, recomputed: the same labels (binary outcomes stratified on 0/1, others on presence only), the
/// same fraction and seed give the same rows, so a later verb can evaluate on exactly the held-out rows.
/// </summary>
internal static class HeldOutSplit
{
    public static DataSplit Recompute(CohortTable data, GamModel model, double testFraction, int seed)
    {
        string outcome = model.Info.Outcome;
        double[] labels;
        if (model.Info.Objective == Objective.LogLoss)
            labels = OutcomeValidator.RequireBinary(data, outcome, allowMissing: true);
        else if (data[outcome] is NumericColumn numeric)
            labels = numeric.Values.ToArray().Select(v => double.IsNaN(v) ? double.NaN : 0.0).ToArray();
        else
            throw new CohortFormatException($"a {model.Info.Objective} outcome must be numeric.", null, outcome);
        return CohortSplit.Stratified(labels, testFraction, seed);
    }
}
