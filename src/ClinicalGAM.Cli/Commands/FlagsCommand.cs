using System.Globalization;
using ClinicalGAM.Cli.Support;
using ClinicalGAM.Core.Diagnostics.Goodhart;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Cli.Commands;

/// <summary>
/// Biomarker Goodhart drift flags for a saved model on its cohort: jumps at treatment thresholds, ranges going
/// against the expected direction, and effects fading after a policy year (with --time).
/// </summary>
public sealed class FlagsCommand : CliCommand
{
    public override string Name => "flags";

    public override string Usage =>
        "flags --model MODEL.json --data FILE.csv [--sheet NAME] [--time COL] [--format json|text] [--cutoffs LIBRARY.json] " +
        "[--expect feature:+1,feature:-1] [--fdr 0.05] [--min-effect 0.1] [--no-refit] " + DerivedColumns.Usage;

    public override string Summary => "Goodhart drift flags: jumps at treatment thresholds, ranges against the expected direction, fading effects.";

    public override string Example => "clinicalgam flags --model model.json --data deliveries.csv --time delivery_year --format text";

    public override IReadOnlyList<VerbOption> Options =>
    [
        CommonOptions.Model(), CommonOptions.Data("The cohort the model is checked against: .csv, .xlsx/.xls or .parquet."), CommonOptions.Sheet,
        VerbOption.Value("--time", "COL", "A time column (e.g. year): also look for effects fading after a policy change."),
        VerbOption.Value("--format", "json|text", "Output format.", "json", "json", "text"),
        VerbOption.Value("--cutoffs", "LIBRARY.json", "Clinical cutoffs to test (default: the built-in library)."),
        VerbOption.Value("--expect", "feat:+1,feat:-1", "The direction each feature's risk is expected to go."),
        VerbOption.Value("--fdr", "Q", "False discovery rate over all tests (1e-6 to 0.5).", "0.05"),
        VerbOption.Value("--min-effect", "X", "Smallest effect worth a flag, on the link scale (0 to 10).", "0.1"),
        VerbOption.Switch("--no-refit", "With --time, compare periods without refitting the model per period."),
        CommonOptions.Derive,
    ];

    protected internal override int Execute(CliArguments a, TextWriter stdout, TextWriter stderr)
    {
        string format = a.Optional("--format", "json").Trim().ToLowerInvariant();
        if (format is not ("json" or "text")) throw new CliUsageException("--format takes json or text.");
        var expect = OptionParsers.Monotone(a.List("--expect"));
        var options = new GoodhartOptions
        {
            TimeColumn = a.Optional("--time"),
            FalseDiscoveryRate = a.Double("--fdr", 0.05, 1e-6, 0.5),
            MinimumEffect = a.Double("--min-effect", 0.1, 0, 10),
            ExpectedDirections = expect,
        };
        var model = ModelGateway.Load(a.Required("--model"));
        // The model's derived features (and any --derive) are recomputed, so derived terms can be flagged too.
        var data = CohortFiles.Read(a.Required("--data"), DerivedColumns.Combine(model, a), stderr, CohortFiles.Options(a));
        if (!data.Contains(model.Info.Outcome))
            throw new CliUsageException($"The data have no column '{model.Info.Outcome}', the model's outcome.");
        if (options.TimeColumn is not null && !data.Contains(options.TimeColumn))
            throw new CliUsageException($"The data have no time column '{options.TimeColumn}'.");

        var context = new GoodhartContext
        {
            Model = model,
            Data = data,
            Options = options,
            Cutoffs = ClinicalCutoffLibrary.Load(a.Optional("--cutoffs")),
        };
        // Temporal drift refits the model per period with its own engine (EBM for anything that is not a GAM engine).
        IGamTrainer? refit = options.TimeColumn is null || a.Has("--no-refit") ? null
            : TrainerCatalog.Create(TrainerCatalog.IsGam(model.Info.Engine) ? model.Info.Engine : TrainerCatalog.Ebm);
        var report = GoodhartAnalyzer.CreateDefault(refit).Report(context, CliCancellation.Token);

        if (format == "json") stdout.WriteLine(GoodhartFlagJson.Serialize(report));
        else Text(report, EffectUnits.Of(model.Info.Objective), model.Info.Objective == Objective.LogLoss, stdout);
        return 0;
    }

    private static void Text(GoodhartReport report, string units, bool risk, TextWriter stdout)
    {
        if (report.Flags.Count == 0)
            stdout.WriteLine("No Goodhart flags: the data support no treatment threshold, counter-direction range or drift.");
        foreach (var f in report.Flags)
        {
            string riskText = risk && double.IsFinite(f.RiskDifference)
                ? string.Create(CultureInfo.InvariantCulture,
                    $"; risk {100 * f.RiskDifference:+0.0;-0.0} points (95% CI {100 * f.RiskDifferenceLow:0.0} to {100 * f.RiskDifferenceHigh:0.0})")
                : "";
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{GoodhartFlagJson.KindName(f.Kind)}] {f.Feature} at {f.At:G6}: {f.Effect:+0.00;-0.00} {units} (95% CI {f.EffectLow:0.00} to {f.EffectHigh:0.00}){riskText}, z {f.Z:0.0}, q {f.Q:0.###e+0}"));
            stdout.WriteLine("  " + f.Message);
            if (f.Evidence is not null) stdout.WriteLine("  Evidence: " + f.Evidence + ".");
            if (f.Sources.Count > 0) stdout.WriteLine("  Sources: " + string.Join("; ", f.Sources) + ".");
            if (f.Density is { } d) stdout.WriteLine("  Heaping and bunching at the cut: " + d.Message);
            if (f.Advice is not null) stdout.WriteLine("  For the clinician: " + f.Advice);
            if (f.Action is { } a)
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Action: {a.Kind} {a.Term} from {a.Low:G6} to {a.High:G6}"));
        }
        foreach (var n in report.NotTestable) stdout.WriteLine("[not testable] " + n.Message);
        foreach (var c in report.Calibrations) stdout.WriteLine("[placebo calibration] " + c.Message);
    }
}
