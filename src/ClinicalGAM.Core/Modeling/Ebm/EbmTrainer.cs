using System.Diagnostics;
using ClinicalGAM.Core.Computing;
using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// Explainable boosting machine: per-feature shape functions by cyclic gradient boosting of shallow trees on binned
/// data, bagged for error bars, then FAST-ranked pairwise interactions boosted on the residuals. Deterministic for a
/// given seed whatever the thread count: each bag is boosted sequentially with its own random stream and bags are
/// combined in bag order.
/// </summary>
public sealed class EbmTrainer : IGamTrainer
{
    public EbmTrainer(EbmOptions? options = null) => Options = options ?? new EbmOptions();

    public EbmOptions Options { get; }
    public string Name => "ebm";

    public GamModel Fit(CohortTable cohort, ModelSpecification specification, int[] trainingRows,
        IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var options = Options with { OuterBags = specification.Bags ?? Options.OuterBags };
        Validate(cohort, specification, trainingRows, options);

        var loss = LossFunction.For(specification.Objective);
        var labels = OutcomeLabels.Extract(cohort, specification.Outcome, specification.Objective, trainingRows);
        var weights = OutcomeLabels.Weights(cohort, specification.WeightColumn, trainingRows);
        var tracker = new FitProgressTracker(progress, options.OuterBags);
        tracker.BeginStage("Binning", 0, 0.02);
        var stageClock = Stopwatch.StartNew();
        double Lap() { double s = stageClock.Elapsed.TotalSeconds; stageClock.Restart(); return s; }

        var features = EbmFeatures.Bin(cohort, specification, trainingRows, options, cancellationToken);
        var bags = new BagSample[options.OuterBags];
        bool stratify = specification.Objective == Objective.LogLoss;
        for (int b = 0; b < bags.Length; b++)
            bags[b] = BagSample.Create(b, specification.Seed, labels, weights, options.ValidationSize, stratify, loss);

        int pairCount = PairCount(specification, options, features);
        var runner = new BagRunner(features, bags, loss, options, specification, tracker, cancellationToken);
        double binning = Lap();

        // Stage 1: main effects, every bag independently.
        tracker.BeginStage("Main effects", 0.02, pairCount > 0 ? 0.55 : 0.97);
        var mains = new double[bags.Length][][];
        BoundedParallel.For(bags.Length, cancellationToken, maxThreads: specification.MaxThreads, body: b => mains[b] = runner.BoostMains(b));
        double mainSeconds = Lap(), rankingSeconds = 0, pairSeconds = 0;

        // Stage 2: rank pairs on each bag's residuals, then boost the top pairs on top of the mains.
        var pairs = Array.Empty<(int, int)>();
        var pairScores = new double[bags.Length][][];
        if (pairCount > 0)
        {
            tracker.BeginStage("Ranking interactions", 0.55, 0.6);
            var candidates = runner.CandidatePairs();
            var ranks = new int[bags.Length][];
            BoundedParallel.For(bags.Length, cancellationToken, maxThreads: specification.MaxThreads, body: b => ranks[b] = runner.RankPairs(b, mains[b], candidates));
            pairs = SelectPairs(candidates, ranks, pairCount);
            rankingSeconds = Lap();

            tracker.BeginStage("Interactions", 0.6, 0.97);
            BoundedParallel.For(bags.Length, cancellationToken, maxThreads: specification.MaxThreads, body: b => pairScores[b] = runner.BoostPairs(b, mains[b], pairs));
            pairSeconds = Lap();
        }
        else for (int b = 0; b < bags.Length; b++) pairScores[b] = [];

        var model = new EbmModelBuilder(features, options, specification, bags, pairs, mains, pairScores, weights)
            .Build(clock, Name, trainingRows.Length);
        var timings = new FitStageTimings(binning, mainSeconds, rankingSeconds, pairSeconds, Lap());
        model = model.WithInfo(model.Info with { Diagnostics = runner.Diagnostics(timings, pairCount > 0) });
        tracker.Done();
        return model;
    }

    private static int PairCount(ModelSpecification specification, EbmOptions options, EbmFeatures features)
    {
        int eligible = features.PairEligible.Count(x => x);
        int possible = eligible * (eligible - 1) / 2;
        int wanted = specification.Interactions ?? (int)Math.Round(options.InteractionsPerFeature * features.Count);
        return Math.Clamp(wanted, 0, possible);
    }

    /// <summary>The pairs with the best mean rank across bags (ties: earlier pair first).</summary>
    private static (int, int)[] SelectPairs((int, int)[] candidates, int[][] ranks, int count)
    {
        var meanRank = new double[candidates.Length];
        for (int p = 0; p < candidates.Length; p++)
        {
            double s = 0;
            foreach (var r in ranks) s += r[p];
            meanRank[p] = s / ranks.Length;
        }
        return Enumerable.Range(0, candidates.Length)
            .OrderBy(p => meanRank[p]).ThenBy(p => p)
            .Take(count)
            .Select(p => candidates[p])
            .ToArray();
    }

    private static void Validate(CohortTable cohort, ModelSpecification spec, int[] rows, EbmOptions options)
    {
        if (rows.Length < 2) throw new ArgumentException("A fit needs at least two training rows.");
        foreach (int r in rows)
            if ((uint)r >= (uint)cohort.RowCount) throw new ArgumentException($"Training row {r} is outside the cohort.");
        if (spec.Features.Count == 0) throw new ArgumentException("Choose at least one feature.");
        if (spec.Features.Distinct(StringComparer.Ordinal).Count() != spec.Features.Count)
            throw new ArgumentException("A feature is listed twice.");
        foreach (var f in spec.Features)
        {
            if (!cohort.Contains(f)) throw new ArgumentException($"The cohort has no column '{f}'.");
            if (f == spec.Outcome) throw new ArgumentException($"The outcome '{f}' cannot also be a feature.");
            if (f == spec.WeightColumn) throw new ArgumentException($"The weight column '{f}' cannot also be a feature.");
        }
        foreach (var (f, direction) in spec.Monotone)
        {
            if (!spec.Features.Contains(f)) throw new ArgumentException($"Monotone constraint on '{f}', which is not a feature.");
            if (direction is not (1 or -1 or 0)) throw new ArgumentException($"Monotone direction for '{f}' must be +1 or -1.");
        }
        if (options.OuterBags < 1) throw new ArgumentException("At least one bag is needed.");
        if (options.ValidationSize is < 0 or >= 1) throw new ArgumentException("Validation size must be in [0, 1).");
        if (options.MaxLeaves != 2)
            throw new NotSupportedException("This engine grows two-leaf term trees (InterpretML's default); MaxLeaves must be 2.");
    }
}
