using ClinicalGAM.Core.Computing;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.MeasurementValue;

namespace ClinicalGAM.Core.Modeling.Editing;

/// <summary>
/// A term's contribution to the whole system: how much test AUC and log loss change when that term alone is taken
/// out (no refit), with 95% paired-bootstrap intervals. A negative AUC change means the term helps discrimination;
/// an interval that spans 0 means the test rows cannot tell whether it does.
/// </summary>
public sealed record TermContribution(string Term, double Importance, Difference AucChange, Difference LogLossChange);

public static class TermContributions
{
    public static IReadOnlyList<TermContribution> Compute(GamModel model, CohortTable table, double[] labels, int[] testRows,
        int seed, int replicates = PairedBootstrap.DefaultReplicates, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        if (testRows.Length == 0) throw new ArgumentException("No test rows to measure contributions on.");
        var contributions = model.Contributions(table, ct);
        var y = testRows.Select(r => labels[r]).ToArray();
        var eta = testRows.Select(r => model.Intercept + contributions.Sum(c => c[r])).ToArray();
        var full = eta.Select(e => ObjectiveLink.Inverse(model.Info.Objective, e)).ToArray();
        var result = new TermContribution[model.Terms.Count];
        int done = 0;
        BoundedParallel.For(model.Terms.Count, ct, t =>
        {
            var without = new double[testRows.Length];
            for (int i = 0; i < without.Length; i++)
                without[i] = ObjectiveLink.Inverse(model.Info.Objective, eta[i] - contributions[t][testRows[i]]);
            // Each term gets its own stream of resamples from the one seed, so results do not depend on thread order.
            var (auc, ll) = PairedBootstrap.Compare(y, full, without, seed + 7919 * (t + 1), replicates);
            result[t] = new TermContribution(model.Terms[t].Name, model.Terms[t].Importance(), auc, ll);
            progress?.Report((double)Interlocked.Increment(ref done) / model.Terms.Count);
        });
        return result.OrderBy(c => c.AucChange.Estimate).ThenBy(c => c.Term, StringComparer.Ordinal).ToList();
    }
}
