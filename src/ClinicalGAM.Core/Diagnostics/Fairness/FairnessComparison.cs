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
    /// <summary>Parity the modified loss enforces. Defaults to demographic parity.</summary>
    public ParityConstraint Constraint { get; init; } = ParityConstraint.DemographicParity;
    /// <summary>
    /// Modified-loss strength, 0 to 1: the share of the unconstrained model's training disparity the constraint removes,
    /// so the bound is ε = (1 − strength) × that disparity (0: no constraint; 1: ε = 0). Also the reweighing strength.
    /// Defaults to 0.75.
    /// </summary>
    public double Strength { get; init; } = 0.75;
    public IReadOnlyList<double> CurveStrengths { get; init; } = [0, 0.25, 0.5, 0.75, 1.0];
    /// <summary>Rounds of the exponentiated-gradient game (one fast EBM fit each). Defaults to 10.</summary>
    public int Iterations { get; init; } = 10;
    /// <summary>Step size η₀ of the multipliers' exponentiated-gradient update (η = η₀/B, as in Fairlearn). Defaults to 2.</summary>
    public double LearningRate { get; init; } = 2.0;
    public int BootstrapReplicates { get; init; } = 200;
}

/// <summary>How far another term's shape moved under a strategy: weighted mean absolute change in log-odds.</summary>
public sealed record ShapeShift(string Term, double MeanAbsoluteChange);

public sealed record StrategyResult(string Strategy, string Description, FairnessMetricSet Metrics, IReadOnlyList<ShapeShift> ShapeShifts);

/// <summary>
/// One point of the modified-loss curve on the test rows. Auc, the disparities and AucCost (ΔAUC against strength 0,
/// paired bootstrap) are for the expected-score GAM flagged at the threshold; the Randomised disparities are the
/// expected ones of the randomised mixture itself, which is what the reduction guarantees.
/// </summary>
public sealed record TradeOffPoint(double Strength, double Epsilon, int Members, double Auc, double AucLower, double AucUpper,
    Difference AucCost, Difference DemographicParity, Difference EqualisedOdds,
    Difference RandomisedDemographicParity, Difference RandomisedEqualisedOdds, double TrainingDisparity);

public sealed record FairnessReport(string Outcome, string Sensitive, int Seed, double Threshold, int TrainRows, int TestRows,
    string RefitConfiguration, string Constraint, int Iterations, IReadOnlyList<StrategyResult> Strategies,
    IReadOnlyList<TradeOffPoint> TradeOff, ProxyReport Proxy);

/// <summary>
/// The four ways of keeping a model from leaning on a sensitive attribute, side by side on the same seeded test rows:
/// as fitted (reference), remove (refit without it), train then clean, test-time blinding, and modified loss: the
/// exponentiated-gradient reduction (see ExponentiatedGradient) for demographic parity or equalised odds, reported
/// through its expected-score GAM. Reweighing (Kamiran and Calders 2012: each (group, outcome) cell weighted so that
/// the attribute and the outcome are independent in the training data) is kept as a fifth, simpler row. Refits use
/// FastRefit and only the training rows.
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
        var strengths = options.CurveStrengths.Append(options.Strength).Distinct().Order().ToArray();
        double steps = 6 + strengths.Length, step = 0;
        void Report(string stage) => progress?.Report((Math.Min(1, step++ / steps), stage));

        Report("Fitting with the attribute");
        var fast = FastRefit.Fit(cohort, outcome, withAttr, split.Train, options.Seed, cancellationToken);
        var reference = fitted ?? fast;
        Report("Refitting without the attribute");
        var removed = FastRefit.Fit(cohort, outcome, without, split.Train, options.Seed, cancellationToken);
        var cleaned = MeasurementValueAnalysis.Recentre(AttributeRemoval.Clean(reference, sensitive), cohort, labels, split.Train);
        var blinded = AttributeRemoval.Blind(reference, sensitive, cohort);
        Report("Reweighing");
        var reweighed = Reweighed(cohort, outcome, withAttr, labels, groups, split.Train, options.Strength, options.Seed, cancellationToken);

        FairnessMetricSet Metrics(GamModel m, int salt) =>
            FairnessMetrics.Compute(yTest, MeasurementValueAnalysis.Subset(m.Predict(cohort, cancellationToken), test), gTest, threshold,
                options.Seed + salt, options.BootstrapReplicates);

        // Modified loss: one game per strength; the unconstrained best response is shared.
        var names = groups.Distinct().Order(StringComparer.Ordinal).ToArray();
        var groupIndex = groups.Select(g => Array.IndexOf(names, g)).ToArray();
        var game = new ExponentiatedGradient(cohort, withAttr, sensitive, labels, groupIndex, names.Length, split.Train, threshold, options.Constraint, options.Seed);
        double baseline = game.UnconstrainedDisparity(cancellationToken);
        var curve = new List<TradeOffPoint>();
        ConstrainedFit? atStrength = null;
        double[]? pBase = null;
        foreach (var s in strengths)
        {
            Report($"Modified loss at strength {s:0.##}");
            var fit = game.Fit((1 - s) * baseline, s <= 0 ? 1 : options.Iterations, options.LearningRate, ct: cancellationToken);
            if (s == options.Strength) atStrength = fit;
            if (!options.CurveStrengths.Contains(s)) continue;
            var p = MeasurementValueAnalysis.Subset(fit.ExpectedGam.Predict(cohort, cancellationToken), test);
            pBase ??= p;
            var set = FairnessMetrics.Compute(yTest, p, gTest, threshold, options.Seed + 300, options.BootstrapReplicates);
            var cost = PairedBootstrap.Compare(yTest, pBase, p, options.Seed + 400, options.BootstrapReplicates).Auc;
            var flags = MeasurementValueAnalysis.Subset(fit.Mixture.FlagProbability(cohort, cancellationToken), test);
            var (rdp, reo) = FairnessMetrics.DisparityIntervals(yTest, flags, gTest, options.Seed + 500, options.BootstrapReplicates);
            curve.Add(new TradeOffPoint(s, fit.Epsilon, fit.Mixture.Members.Count, set.Overall.Auc, set.Overall.AucLower, set.Overall.AucUpper,
                cost, set.DemographicParity, set.EqualisedOdds, rdp, reo, fit.TrainingDisparity));
        }
        var modified = atStrength!.ExpectedGam;
        string parity = options.Constraint == ParityConstraint.DemographicParity ? "demographic parity" : "equalised odds";

        var strategies = new List<StrategyResult>
        {
            new("as fitted", fitted is null ? "fast refit with the attribute (reference)" : "the saved model, unchanged", Metrics(reference, 1), []),
            new("remove", "refit without the attribute", Metrics(removed, 2), Shifts(fast, removed, sensitive)),
            new("train then clean", "its main term and pairs removed (pairs averaged onto the other feature), intercept re-centred", Metrics(cleaned, 3), Shifts(reference, cleaned, sensitive)),
            new("test-time blinding", "its contribution replaced by its population average", Metrics(blinded, 4), Shifts(reference, blinded, sensitive)),
            new("modified loss", $"exponentiated gradient for {parity} at strength {options.Strength:0.##} (bound ε = {atStrength.Epsilon:0.###}): " +
                $"expected score of a randomised mixture of {atStrength.Mixture.Members.Count} GAMs, itself a GAM (averaged shapes)",
                Metrics(modified, 5), Shifts(game.Unconstrained(cancellationToken), modified, sensitive)),
            new("reweighing", $"training rows reweighed (Kamiran–Calders) at strength {options.Strength:0.##}, refit with the attribute", Metrics(reweighed, 6), Shifts(fast, reweighed, sensitive)),
        };
        Report("Proxy finder");
        var proxy = ProxyFinder.Find(cohort, groups, without, split, options.Seed, cancellationToken);
        progress?.Report((1, "Done"));
        return new FairnessReport(outcome, sensitive, options.Seed, threshold, split.Train.Length, test.Length, FastRefit.Describe,
            parity, options.Iterations, strategies, curve, proxy);
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
