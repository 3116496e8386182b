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
/// The ways of keeping a model from leaning on a sensitive attribute (<see cref="Strategies"/>: as fitted, remove, train
/// then clean, test-time blinding, modified loss, reweighing), side by side on the same seeded test rows, with the
/// modified loss's trade-off curve over strengths and the proxy finder. Every model is built from the training rows
/// only; refits use FastRefit.
/// </summary>
public static class FairnessComparison
{
    /// <summary>The strategies in report order; a strategy's bootstrap seed follows its position.</summary>
    public static IReadOnlyList<IFairnessStrategy> Strategies { get; } =
    [
        new AsFittedStrategy(), new RemoveAttributeStrategy(), new TrainThenCleanStrategy(), new TestTimeBlindingStrategy(),
        new ModifiedLossStrategy(), new ReweighingStrategy(),
    ];

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
        double steps = 2 + strengths.Length + Strategies.Count, step = 0;
        void Report(string stage) => progress?.Report((Math.Min(1, step++ / steps), stage));

        Report("Fitting with the attribute");
        var fast = FastRefit.Fit(cohort, outcome, withAttr, split.Train, options.Seed, cancellationToken);

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
        string parity = options.Constraint == ParityConstraint.DemographicParity ? "demographic parity" : "equalised odds";

        var setting = new FairnessSetting(cohort, outcome, sensitive, labels, groups, split, withAttr, without, options, fitted, fast,
            atStrength!, game.Unconstrained(cancellationToken), parity);
        var strategies = new List<StrategyResult>();
        for (int k = 0; k < Strategies.Count; k++)
        {
            var strategy = Strategies[k];
            Report($"Strategy: {strategy.Name}");
            var built = strategy.Build(setting, cancellationToken);
            var metrics = FairnessMetrics.Compute(yTest, MeasurementValueAnalysis.Subset(built.Model.Predict(cohort, cancellationToken), test),
                gTest, threshold, options.Seed + k + 1, options.BootstrapReplicates);
            strategies.Add(new StrategyResult(strategy.Name, built.Description, metrics,
                built.ShapeBaseline is null ? [] : Shifts(built.ShapeBaseline, built.Model, sensitive)));
        }
        Report("Proxy finder");
        var proxy = ProxyFinder.Find(cohort, groups, without, split, options.Seed, cancellationToken);
        progress?.Report((1, "Done"));
        return new FairnessReport(outcome, sensitive, options.Seed, threshold, split.Train.Length, test.Length, FastRefit.Describe,
            parity, options.Iterations, strategies, curve, proxy);
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
