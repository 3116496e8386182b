using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Metrics;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Operations;

namespace ClinicalGAM.Core.Diagnostics.MeasurementValue;

/// <summary>Options for a measurement-value analysis. Costs default to 1 per measurement (panel size).</summary>
public sealed record MeasurementValueOptions
{
    public int Seed { get; init; } = 42;
    public double TestFraction { get; init; } = 0.25;
    public IReadOnlyDictionary<string, double> Costs { get; init; } = new Dictionary<string, double>();
    public double? Budget { get; init; }
    public IReadOnlyCollection<string> PinnedIn { get; init; } = [];
    public IReadOnlyCollection<string> PinnedOut { get; init; } = [];
    public int BootstrapReplicates { get; init; } = PairedBootstrap.DefaultReplicates;
    /// <summary>Folds for the cross-fitted drop-with-refit comparison on the training rows. Defaults to 5.</summary>
    public int CrossFitFolds { get; init; } = 5;
    /// <summary>Run the greedy panel search (the slow part). Defaults to true.</summary>
    public bool SearchPanels { get; init; } = true;
}

/// <summary>
/// Which measurements are worth collecting. A stratified, seeded train/test split; every model is fitted on the
/// training rows only and judged on the test rows. Per measurement: importance, the loss when dropped without refit
/// (its terms removed, intercept re-centred to the training prevalence; judged on the test rows) and with a refit
/// (cross-fitted on the training rows, see CrossFit: out-of-fold predictions with and without it), each with a
/// paired-bootstrap CI, and the value of whether it was measured. Then a greedy panel search (see PanelSearch).
/// </summary>
public static class MeasurementValueAnalysis
{
    public static MeasurementValueReport Run(CohortTable cohort, string outcome, IReadOnlyList<string> features,
        MeasurementValueOptions options, IProgress<(double Fraction, string Stage)>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var labels = OutcomeValidator.RequireBinary(cohort, outcome);
        var split = CohortSplit.Stratified(labels, options.TestFraction, options.Seed);
        var test = split.Test;
        var yTest = test.Select(r => labels[r]).ToArray();
        double Cost(string f) => options.Costs.TryGetValue(f, out var c) && double.IsFinite(c) ? c : 1.0;

        progress?.Report((0, "Fitting the full model"));
        var full = FastRefit.Fit(cohort, outcome, features, split.Train, options.Seed, cancellationToken);
        var pFull = Subset(full.Predict(cohort, cancellationToken), test);
        var fullCi = BinaryMetrics.RocAucConfidenceInterval(yTest, pFull);

        var crossFit = new CrossFit(cohort, outcome, labels, split.Train, options.CrossFitFolds, options.Seed);
        var oofFull = crossFit.OutOfFold(features, cancellationToken);

        var worth = new List<MeasurementWorth>();
        double searchShare = options.SearchPanels ? 0.5 : 0.0;
        for (int f = 0; f < features.Count; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string feature = features[f];
            progress?.Report(((1.0 - searchShare) * (f + 1.0) / (features.Count + 1), $"Dropping {feature}"));
            int seed = options.Seed + 1000 + f;

            var dropped = full.Terms.Any(t => t.Features.Contains(feature)) ? Recentre(full.RemoveFeature(feature), cohort, labels, split.Train) : full;
            var pDrop = Subset(dropped.Predict(cohort, cancellationToken), test);
            var noRefit = PairedBootstrap.Compare(yTest, pFull, pDrop, seed, options.BootstrapReplicates);

            var rest = features.Where(x => x != feature).ToArray();
            var oofDrop = crossFit.OutOfFold(rest, cancellationToken);
            var refit = PairedBootstrap.Compare(crossFit.Labels, oofFull, oofDrop, seed + 500, options.BootstrapReplicates);

            var main = full.Term(feature);
            worth.Add(new MeasurementWorth(feature, Cost(feature), main?.Importance() ?? 0,
                noRefit.Auc, noRefit.LogLoss, refit.Auc, refit.LogLoss, Missingness(cohort, feature, labels, split.Train, main)));
        }

        IReadOnlyList<PanelPoint> panels = [];
        if (options.SearchPanels)
        {
            var search = new PanelSearch(cohort, outcome, labels, split, Cost, options.Seed);
            var candidates = features.Where(f => !options.PinnedOut.Contains(f)).ToArray();
            var pinned = options.PinnedIn.Where(candidates.Contains).ToArray();
            var inner = new Progress<double>(x => progress?.Report((1.0 - searchShare + searchShare * x, "Panel search")));
            panels = search.Run(candidates, pinned, inner, cancellationToken);
        }
        var frontier = PanelSearch.Frontier(panels);
        var near = frontier.Where(p => p.Auc >= 0.95 * fullCi.Auc).MinBy(p => p.TotalCost);
        var budget = options.Budget is { } b ? frontier.Where(p => p.TotalCost <= b).MaxBy(p => p.Auc) : null;
        progress?.Report((1, "Done"));

        return new MeasurementValueReport(outcome, options.Seed, split.Train.Length, test.Length, FastRefit.Describe, options.CrossFitFolds,
            fullCi.Auc, fullCi.Lower, fullCi.Upper, BinaryMetrics.LogLoss(yTest, pFull),
            worth.OrderBy(w => w.AucDropRefit.Estimate).ThenBy(w => w.AucDropNoRefit.Estimate).ToList(),
            frontier, panels, near, budget, options.Budget);
    }

    /// <summary>Shifts the intercept so the mean predicted risk on the training rows equals their outcome rate.</summary>
    public static GamModel Recentre(GamModel model, CohortTable cohort, double[] labels, int[] trainRows)
    {
        var eta = model.LinearPredictor(cohort);
        double target = trainRows.Average(r => labels[r]), shift = 0;
        for (int it = 0; it < 30; it++)
        {
            double mean = 0, slope = 0;
            foreach (int r in trainRows)
            {
                double p = 1 / (1 + Math.Exp(-(eta[r] + shift)));
                mean += p; slope += p * (1 - p);
            }
            mean /= trainRows.Length; slope /= trainRows.Length;
            if (slope <= 1e-12) break;
            double step = (target - mean) / slope;
            shift += step;
            if (Math.Abs(step) < 1e-10) break;
        }
        return new GamModel(model.Info, model.Intercept + shift, model.Terms, model.BagIntercepts?.Select(b => b + shift).ToArray());
    }

    private static MissingnessValue Missingness(CohortTable cohort, string feature, double[] labels, int[] train, GamTerm? main)
    {
        var column = cohort[feature];
        double nMiss = 0, yMiss = 0, nRec = 0, yRec = 0;
        foreach (int r in train)
        {
            if (column.IsMissing(r)) { nMiss++; yMiss += labels[r]; }
            else { nRec++; yRec += labels[r]; }
        }
        double logOdds = 0;
        if (main is not null && nMiss > 0)
        {
            // Bin 0 is the missing bin; compare it with the weighted average of the recorded bins.
            double num = 0, den = 0;
            for (int c = 1; c < main.Scores.Length; c++) { num += main.BinWeights[c] * main.Scores[c]; den += main.BinWeights[c]; }
            logOdds = main.Scores[0] - (den > 0 ? num / den : 0);
        }
        return new MissingnessValue(nMiss / train.Length, nRec > 0 ? yRec / nRec : 0, nMiss > 0 ? yMiss / nMiss : 0, logOdds);
    }

    internal static double[] Subset(double[] values, int[] rows) => rows.Select(r => values[r]).ToArray();
}
