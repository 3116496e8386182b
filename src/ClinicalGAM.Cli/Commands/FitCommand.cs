using System.Globalization;
using ClinicalGAM.Cli.Support;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Metrics;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Cli.Commands;

/// <summary>
/// Fits a model on the training part of a seeded, stratified split and reports its accuracy on the held-out part
/// (never used in fitting). GAM engines write the model JSON; the FastTree reference only reports its metrics.
/// </summary>
public sealed class FitCommand : CliCommand
{
    public override string Name => "fit";

    public override string Usage =>
        "fit --data FILE.csv|.xlsx|.parquet [--sheet NAME] --outcome COL [--features a,b | --exclude a,b] [--seed N] [--engine ebm|mlnet-gam|fasttree]\n" +
        "    [--interactions N] [--bags N] [--monotone feat:+1,feat:-1] [--objective logloss|rmse|poisson]\n" +
        "    [--weights COL] [--test-fraction 0.2] [--cv-folds K] [--derive \"name=formula\" ...] --out MODEL.json\n" +
        "    --cv-folds K first cross-validates on the training rows (K fits; binary outcome, GAM engine) and prints the\n" +
        "    out-of-fold AUC mean ± sd; the saved model is still the fit on all training rows.\n" +
        "    --derive adds a column by formula (e.g. ratio=baby_weight_g/maternal_height_cm); the model remembers it.";

    public override string Summary => "Fits a risk model on a seeded training split and reports its accuracy on the held-out rows.";

    public override string Example => "clinicalgam fit --data deliveries.csv --outcome smm --exclude transfused --seed 42 --out model.json";

    public override IReadOnlyList<VerbOption> Options =>
    [
        CommonOptions.Data(), CommonOptions.Sheet,
        VerbOption.Value("--outcome", "COL", "The outcome column (0/1 for a risk; numeric for rmse or poisson)." + CommonOptions.Required),
        VerbOption.Value("--features", "a,b", "Only these columns enter the model (comma-separated)."),
        VerbOption.Value("--exclude", "a,b", "Every column but these (and the outcome, weights and identifiers) enters the model."),
        CommonOptions.Seed("42", "Random seed of the split and the fit."),
        VerbOption.Value("--engine", "NAME", "ebm and mlnet-gam write a GAM; fasttree is a black-box reference (metrics only).", "ebm", [.. ModelGateway.Engines]),
        VerbOption.Value("--interactions", "N", "Pair terms to add (0 for main effects only; default: the engine's)."),
        VerbOption.Value("--bags", "N", "Bagged fits whose spread gives each bin's uncertainty (default: the engine's)."),
        VerbOption.Value("--monotone", "feat:+1,feat:-1", "Force a shape to rise (+1) or fall (-1)."),
        VerbOption.Value("--objective", "NAME", "logloss (binary), rmse (continuous) or poisson (counts).", "logloss", "logloss", "rmse", "poisson"),
        VerbOption.Value("--weights", "COL", "A column of row weights."),
        VerbOption.Value("--test-fraction", "F", "Share of rows held out for testing (0.01 to 0.9).", "0.2"),
        VerbOption.Value("--cv-folds", "K", "Cross-validate on the training rows first (K fits, 2 or more) and print the AUC mean ± sd."),
        CommonOptions.Derive,
        CommonOptions.Out("MODEL.json", "The model file to write (required for a GAM engine).", required: false),
    ];


    protected internal override int Execute(CliArguments a, TextWriter stdout, TextWriter stderr)
    {
        var derived = DerivedColumns.FromArguments(a);
        string data = a.Required("--data"), outcome = a.Required("--outcome");
        string engine = a.Optional("--engine", "ebm").Trim().ToLowerInvariant();
        string? output = a.Optional("--out");
        if (!ModelGateway.Engines.Contains(engine))
            throw new CliUsageException($"Unknown engine '{engine}'; use one of {string.Join(", ", ModelGateway.Engines)}.");
        bool isGam = ModelGateway.IsGamEngine(engine);
        if (isGam && output is null) throw new CliUsageException("Option --out is required.");
        var objective = OptionParsers.Objective(a.Optional("--objective", "logloss"));
        int seed = a.Int("--seed", 42);
        double testFraction = a.Double("--test-fraction", 0.2, 0.01, 0.9);
        string? weights = a.Optional("--weights");
        int? interactions = a.OptionalInt("--interactions", min: 0), bags = a.OptionalInt("--bags", min: 1);
        var monotone = OptionParsers.Monotone(a.List("--monotone"));
        int? folds = a.OptionalInt("--cv-folds", min: 2);
        if (folds is not null && (!isGam || objective != Objective.LogLoss))
            throw new CliUsageException("--cv-folds needs a GAM engine and a binary (logloss) outcome.");
        var ct = CliCancellation.Token;

        var table = CohortFiles.Read(data, derived, stderr, CohortFiles.Options(a));
        if (!table.Contains(outcome)) throw new CohortFormatException("the outcome column is not in the file.", 1, outcome);
        if (weights is not null && !table.Contains(weights)) throw new CohortFormatException("the weight column is not in the file.", 1, weights);
        var (labels, cohort) = Outcome(table, outcome, objective);
        var features = FeatureSelection.Choose(cohort, outcome, weights, a.List("--features"), a.List("--exclude"));
        var split = CohortSplit.Stratified(objective == Objective.LogLoss ? labels : Present(labels), testFraction, seed);
        var specification = new ModelSpecification
        {
            Outcome = outcome, Features = features, Objective = objective, Seed = seed, WeightColumn = weights,
            Engine = engine, Interactions = interactions, Bags = bags, Monotone = monotone,
        };
        stdout.WriteLine($"Fitting {engine} on {split.Train.Length:N0} training rows, {features.Length} features " +
                         $"(seed {seed}; {split.Test.Length:N0} rows held out for testing).");

        if (folds is { } k) CrossValidate(stdout, stderr, cohort, specification, labels, split.Train, k, ct);
        var scorer = ModelGateway.Fit(cohort, specification, split.Train, new StageReporter(stderr), ct);
        if (scorer.Info.Diagnostics is { } d) stderr.WriteLine(DescribeFit(d));
        var predictions = scorer.Predict(cohort, ct);
        ReportTestMetrics(stdout, stderr, objective, labels, predictions, split.Test);

        if (scorer is GamModel fitted)
        {
            var model = fitted.WithDerivedFeatures(derived);
            CohortFiles.WriteAtomically(output!, stream => ModelGateway.Write(model, stream));
            stdout.WriteLine($"Model written to {output}.");
        }
        else
        {
            stderr.WriteLine($"Note: '{engine}' is a black-box reference, not a GAM: it has no shape functions, so no model " +
                             "file was written. Compare its test metrics above with a GAM engine's.");
        }
        return 0;
    }

    /// <summary>Labels per row (NaN where the outcome is missing) and the cohort with a binary outcome as 0/1 numbers.</summary>
    private static (double[] Labels, CohortTable Cohort) Outcome(CohortTable table, string outcome, Objective objective)
    {
        if (objective == Objective.LogLoss)
        {
            var labels = OutcomeValidator.RequireBinary(table, outcome, allowMissing: true);
            return (labels, table.With(new NumericColumn(outcome, labels, ColumnKind.Binary)));
        }
        if (table[outcome] is not NumericColumn numeric)
            throw new CohortFormatException($"a {objective} outcome must be numeric.", null, outcome);
        return (numeric.Values.ToArray(), table);
    }

    // Folds are dealt from the training rows by the specification's seed; the test rows stay untouched.
    private static void CrossValidate(TextWriter stdout, TextWriter stderr, CohortTable cohort, ModelSpecification specification,
        double[] labels, int[] trainingRows, int folds, CancellationToken ct)
    {
        var cv = new Core.Modeling.Validation.CrossValidation(TrainerCatalog.Create(specification.Engine))
            .Run(cohort, specification, labels, trainingRows, folds, specification.Seed, new StageReporter(stderr), ct);
        stdout.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "Cross-validated AUC ({0} folds of the training rows, seed {1}): {2:F4} ± {3:F4} (per fold {4})",
            folds, cv.Seed, cv.MeanAuc, cv.AucStandardDeviation, string.Join(", ", cv.PerFold.Select(f => f.Auc.ToString("F4", CultureInfo.InvariantCulture)))));
    }

    /// <summary>One line on where the fit's time went and how long the bags boosted.</summary>
    internal static string DescribeFit(FitDiagnostics d)
    {
        var t = d.Timings;
        string Rounds(int[] r) => r.Length == 0 ? "" : $", rounds {r.Min()}-{r.Max()}";
        return string.Format(CultureInfo.InvariantCulture,
            "Fit {0:F1} s: binning {1:F1} s, main effects {2:F1} s{3}, ranking pairs {4:F1} s, pairs {5:F1} s{6}, purification and merge {7:F1} s" +
            (d.StagesAtRoundCap > 0 ? "; {8} bag stage(s) stopped at the round cap ({9})" : ""),
            t.TotalSeconds, t.BinningSeconds, t.MainEffectsSeconds, Rounds(d.MainRounds), t.PairRankingSeconds, t.PairsSeconds,
            Rounds(d.PairRounds), t.PurificationAndMergeSeconds, d.StagesAtRoundCap, d.RoundCap);
    }

    private static double[] Present(double[] values) => values.Select(v => double.IsNaN(v) ? double.NaN : 0.0).ToArray();

    /// <summary>Fewest events (and non-events) in the test set for its AUC to be worth reading without a warning.</summary>
    private const int MinimumClassForMetrics = 10;

    private static void ReportTestMetrics(TextWriter stdout, TextWriter stderr, Objective objective, double[] labels, double[] predictions, int[] test)
    {
        var y = test.Select(i => labels[i]).ToArray();
        var p = test.Select(i => predictions[i]).ToArray();
        var inv = CultureInfo.InvariantCulture;
        switch (objective)
        {
            case Objective.LogLoss:
                var auc = BinaryMetrics.RocAucConfidenceInterval(y, p);
                int events = y.Count(v => v == 1);
                stdout.WriteLine(string.Format(inv, "Test AUC {0:F4} (95% CI {1:F4}-{2:F4}), log loss {3:F4}, Brier {4:F4}, n = {5}, events = {6}",
                    auc.Auc, auc.Lower, auc.Upper, BinaryMetrics.LogLoss(y, p), BinaryMetrics.Brier(y, p), y.Length, events));
                if (Math.Min(events, y.Length - events) < MinimumClassForMetrics)
                    stderr.WriteLine(string.Format(inv,
                        "Warning: the test set holds {0} events and {1} non-events; with fewer than {2} of either, the AUC and its " +
                        "confidence interval say little. Use more patients, a larger --test-fraction or --cv-folds.",
                        events, y.Length - events, MinimumClassForMetrics));
                break;
            case Objective.Rmse:
                stdout.WriteLine(string.Format(inv, "Test RMSE {0:G6}, R² {1:F4}, n = {2}",
                    RegressionMetrics.Rmse(y, p), RegressionMetrics.RSquared(y, p), y.Length));
                break;
            default:
                stdout.WriteLine(string.Format(inv, "Test mean Poisson deviance {0:G6}, n = {1}",
                    RegressionMetrics.PoissonDeviance(y, p), y.Length));
                break;
        }
    }

    /// <summary>Prints a line to stderr when the fit enters a new stage or passes another 10%.</summary>
    private sealed class StageReporter(TextWriter stderr) : IProgress<FitProgress>
    {
        private string _stage = "";
        private int _decile = -1;

        public void Report(FitProgress value)
        {
            lock (this) Write(value);
        }

        private void Write(FitProgress value)
        {
            int decile = (int)(value.Fraction * 10);
            if (value.Stage == _stage && decile == _decile) return;
            _stage = value.Stage;
            _decile = decile;
            stderr.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,4:P0} {1}", value.Fraction, value.Stage));
        }
    }
}
