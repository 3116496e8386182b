using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.MeasurementValue;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Diagnostics.Fairness;

public sealed record FairnessOptions
{
    public int Seed { get; init; } = 42;
    public double TestFraction { get; init; } = 0.25;
    /// <summary>Risk at or above which a patient is flagged. Defaults to the training outcome rate when null.</summary>
    public double? Threshold { get; init; }
    /// <summary>Reweighing strength for the modified-loss strategy, 0 (none) to 1 (attribute and outcome independent). Defaults to 1.</summary>
    public double Strength { get; init; } = 1.0;
    public IReadOnlyList<double> CurveStrengths { get; init; } = [0, 0.25, 0.5, 0.75, 1.0];
    public int BootstrapReplicates { get; init; } = 200;
}

/// <summary>How far another term's shape moved under a strategy: weighted mean absolute change in log-odds.</summary>
public sealed record ShapeShift(string Term, double MeanAbsoluteChange);

public sealed record StrategyResult(string Strategy, string Description, FairnessMetricSet Metrics, IReadOnlyList<ShapeShift> ShapeShifts);

public sealed record TradeOffPoint(double Strength, double Auc, double AucLower, double AucUpper, Difference DemographicParity, Difference EqualisedOdds);

public sealed record FairnessReport(string Outcome, string Sensitive, int Seed, double Threshold, int TrainRows, int TestRows,
    string RefitConfiguration, IReadOnlyList<StrategyResult> Strategies, IReadOnlyList<TradeOffPoint> TradeOff, ProxyReport Proxy);

/// <summary>
/// The four ways of keeping a model from leaning on a sensitive attribute, side by side on the same seeded test rows:
/// as fitted (reference), remove (refit without it), train then clean, test-time blinding, and modified loss. The
/// modified loss here is reweighing (Kamiran and Calders 2012) through the engine's sample weights: each (group,
/// outcome) cell is weighted by (P(group)·P(outcome)/P(group, outcome))^strength, so at strength 1 the attribute and
/// the outcome are independent in the weighted training data and the boosting loss no longer rewards tracking the
/// attribute (directly or through proxies). Refits use FastRefit and only the training rows.
/// </summary>
public static class FairnessComparison
{
    public const string WeightColumn = "__fairness_weight";

    public static FairnessReport Run(CohortTable cohort, string outcome, IReadOnlyList<string> features, string sensitive,
        GamModel? fitted, FairnessOptions options, IProgress<(double Fraction, string Stage)>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (!cohort.Contains(sensitive)) throw new ArgumentException($"The data have no column '{sensitive}'.", nameof(sensitive));
        var labels = OutcomeValidator.RequireBinary(cohort, outcome);
        var split = CohortSplit.Stratified(labels, options.TestFraction, options.Seed);
        var column = cohort[sensitive];
        var groups = Enumerable.Range(0, cohort.RowCount).Select(r => column.IsMissing(r) ? "(missing)" : column.Format(r)).ToArray();
        var withAttr = features.Contains(sensitive) ? features.ToArray() : [.. features, sensitive];
        var without = withAttr.Where(f => f != sensitive).ToArray();
        double threshold = options.Threshold ?? split.Train.Average(r => labels[r]);
        var test = split.Test;
        var yTest = MeasurementValueAnalysis.Subset(labels, test);
        var gTest = test.Select(r => groups[r]).ToArray();
        int steps = 5 + options.CurveStrengths.Count, step = 0;
        void Report(string stage) => progress?.Report(((double)step++ / steps, stage));

        Report("Fitting with the attribute");
        var fast = FastRefit.Fit(cohort, outcome, withAttr, split.Train, options.Seed, cancellationToken);
        var reference = fitted ?? fast;
        Report("Refitting without the attribute");
        var removed = FastRefit.Fit(cohort, outcome, without, split.Train, options.Seed, cancellationToken);
        var cleaned = MeasurementValueAnalysis.Recentre(AttributeRemoval.Clean(reference, sensitive), cohort, labels, split.Train);
        var blinded = AttributeRemoval.Blind(reference, sensitive, cohort);

        FairnessMetricSet Metrics(GamModel m, int salt) =>
            FairnessMetrics.Compute(yTest, MeasurementValueAnalysis.Subset(m.Predict(cohort, cancellationToken), test), gTest, threshold,
                options.Seed + salt, options.BootstrapReplicates);

        var curve = new List<TradeOffPoint>();
        GamModel? atStrength = null;
        foreach (var s in options.CurveStrengths.Append(options.Strength).Distinct())
        {
            Report($"Modified loss at strength {s:0.##}");
            var m = Reweighed(cohort, outcome, withAttr, labels, groups, split.Train, s, options.Seed, cancellationToken);
            if (s == options.Strength) atStrength = m;
            if (!options.CurveStrengths.Contains(s)) continue;
            var set = Metrics(m, 300);
            curve.Add(new TradeOffPoint(s, set.Overall.Auc, set.Overall.AucLower, set.Overall.AucUpper, set.DemographicParity, set.EqualisedOdds));
        }

        var strategies = new List<StrategyResult>
        {
            new("as fitted", fitted is null ? "fast refit with the attribute (reference)" : "the saved model, unchanged", Metrics(reference, 1), []),
            new("remove", "refit without the attribute", Metrics(removed, 2), Shifts(fast, removed, sensitive)),
            new("train then clean", "its main term and pairs removed (pairs averaged onto the other feature), intercept re-centred", Metrics(cleaned, 3), Shifts(reference, cleaned, sensitive)),
            new("test-time blinding", "its contribution replaced by its population average", Metrics(blinded, 4), Shifts(reference, blinded, sensitive)),
            new("modified loss", $"reweighing at strength {options.Strength:0.##}, refit with the attribute", Metrics(atStrength!, 5), Shifts(fast, atStrength!, sensitive)),
        };
        Report("Proxy finder");
        var proxy = ProxyFinder.Find(cohort, groups, without, split, options.Seed, cancellationToken);
        progress?.Report((1, "Done"));
        return new FairnessReport(outcome, sensitive, options.Seed, threshold, split.Train.Length, test.Length, FastRefit.Describe,
            strategies, curve, proxy);
    }

    /// <summary>Reweighing weights from the training rows: (P(g)P(y)/P(g,y))^strength; test rows get weight 1 (unused).</summary>
    public static double[] ReweighingWeights(double[] labels, string[] groups, int[] train, double strength)
    {
        var n = (double)train.Length;
        var pg = train.GroupBy(r => groups[r]).ToDictionary(g => g.Key, g => g.Count() / n);
        double py1 = train.Average(r => labels[r]);
        var pgy = train.GroupBy(r => (groups[r], labels[r])).ToDictionary(g => g.Key, g => g.Count() / n);
        var w = Enumerable.Repeat(1.0, labels.Length).ToArray();
        foreach (int r in train)
        {
            double py = labels[r] == 1 ? py1 : 1 - py1;
            w[r] = Math.Pow(pg[groups[r]] * py / pgy[(groups[r], labels[r])], strength);
        }
        return w;
    }

    private static GamModel Reweighed(CohortTable cohort, string outcome, string[] features, double[] labels, string[] groups,
        int[] train, double strength, int seed, CancellationToken ct)
    {
        var weighted = cohort.With(new NumericColumn(WeightColumn, ReweighingWeights(labels, groups, train, strength)));
        return FastRefit.Fit(weighted, outcome, features, train, seed, ct, WeightColumn);
    }

    /// <summary>Main terms present in both models with the same cells; the attribute's own term is left out.</summary>
    private static IReadOnlyList<ShapeShift> Shifts(GamModel before, GamModel after, string sensitive)
    {
        var result = new List<ShapeShift>();
        foreach (var t in before.Terms.Where(t => !t.IsInteraction && t.Name != sensitive))
        {
            var u = after.Term(t.Name);
            if (u is null || u.Scores.Length != t.Scores.Length) continue;
            double num = 0, den = 0;
            for (int c = 0; c < t.Scores.Length; c++) { num += t.BinWeights[c] * Math.Abs(u.Scores[c] - t.Scores[c]); den += t.BinWeights[c]; }
            result.Add(new ShapeShift(t.Name, den > 0 ? num / den : 0));
        }
        return result.OrderByDescending(s => s.MeanAbsoluteChange).ToList();
    }
}
