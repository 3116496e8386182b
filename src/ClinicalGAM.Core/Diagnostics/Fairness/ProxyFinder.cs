using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.MeasurementValue;
using ClinicalGAM.Core.Diagnostics.Metrics;

namespace ClinicalGAM.Core.Diagnostics.Fairness;

public sealed record ProxyTerm(string Feature, double Importance);

/// <summary>How well the other features predict membership of the target group, and which carry it.</summary>
public sealed record ProxyReport(string TargetGroup, double Auc, double AucLower, double AucUpper, IReadOnlyList<ProxyTerm> TopTerms);

/// <summary>
/// Proxy finder: a fast GAM predicting "is in the largest group" (binary attributes: the first level) from every other
/// feature, fitted on the training rows and judged on the test rows. A high AUC says removing the attribute alone
/// leaves its signal available to the model through these terms.
/// </summary>
public static class ProxyFinder
{
    public const string TargetColumn = "__sensitive_group";

    public static ProxyReport Find(CohortTable cohort, string[] groups, IReadOnlyList<string> otherFeatures, DataSplit split, int seed,
        CancellationToken cancellationToken = default)
    {
        string target = groups.GroupBy(g => g).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        var y = groups.Select(g => g == target ? 1.0 : 0.0).ToArray();
        var withTarget = cohort.With(new NumericColumn(TargetColumn, y));
        var model = FastRefit.Fit(withTarget, TargetColumn, otherFeatures, split.Train, seed, cancellationToken);
        var p = MeasurementValueAnalysis.Subset(model.Predict(withTarget, cancellationToken), split.Test);
        var ci = BinaryMetrics.RocAucConfidenceInterval(MeasurementValueAnalysis.Subset(y, split.Test), p);
        var top = model.RankedTerms().Take(5).Select(t => new ProxyTerm(t.Name, t.Importance())).ToList();
        return new ProxyReport(target, Fin(ci.Auc), Fin(ci.Lower), Fin(ci.Upper), top);
    }

    private static double Fin(double x) => double.IsFinite(x) ? x : 0.5;
}
