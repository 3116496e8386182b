using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Metrics;

namespace ClinicalGAM.Web.Services;

/// <summary>
/// Held-out performance within one subgroup: size, events, observed prevalence vs mean predicted risk (their ratio is
/// calibration-in-the-large: O/E), and AUC when the subgroup has both outcomes.
/// </summary>
public sealed record SubgroupMetrics(string Level, int Count, int Events, double Prevalence, double MeanRisk, double Auc)
{
    public double ObservedToExpected => MeanRisk > 0 ? Prevalence / MeanRisk : double.NaN;

    public static IReadOnlyList<SubgroupMetrics> By(CohortColumn column, HeldOut test)
    {
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int k = 0; k < test.Rows.Length; k++)
        {
            var level = column.Format(test.Rows[k]);
            if (level.Length == 0) level = "missing";
            if (!groups.TryGetValue(level, out var list)) groups[level] = list = [];
            list.Add(k);
        }
        return groups.OrderByDescending(g => g.Value.Count).Select(g =>
        {
            var y = g.Value.Select(k => test.Labels[k]).ToArray();
            var p = g.Value.Select(k => test.Risk[k]).ToArray();
            int events = (int)y.Sum();
            double auc = events > 0 && events < y.Length ? BinaryMetrics.RocAuc(y, p) : double.NaN;
            return new SubgroupMetrics(g.Key, y.Length, events, y.Average(), p.Average(), auc);
        }).ToList();
    }
}
