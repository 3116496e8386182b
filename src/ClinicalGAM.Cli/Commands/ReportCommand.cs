using System.Globalization;
using ClinicalGAM.Cli.Support;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Goodhart;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Reporting;
using ClinicalGAM.Reporting.Report;

namespace ClinicalGAM.Cli.Commands;

/// <summary>
/// Writes a self-contained HTML model report (TRIPOD+AI layout). Metrics are computed on the rows `fit` held out:
/// the same seeded, stratified split is recomputed from the model's recorded seed and the test fraction.
/// </summary>
public sealed class ReportCommand : CliCommand
{
    public override string Name => "report";

    public override string Usage =>
        "report --model MODEL.json --data FILE.csv [--sheet NAME] --out report.html [--time COL] [--test-fraction 0.2] [--seed N]\n" +
        "    [--dictionary DICT.csv (column,label,unit)] [--title TEXT] [--cutoffs LIBRARY.json] [--no-flags] [--no-refit]\n" +
        "    " + DerivedColumns.Usage;

    public override string Summary => "Writes a self-contained HTML model report (TRIPOD+AI layout), measured on the rows fit held out.";

    public override string Example => "clinicalgam report --model model.json --data deliveries.csv --out report.html --title \"SMM risk\"";

    public override IReadOnlyList<VerbOption> Options =>
    [
        CommonOptions.Model(), CommonOptions.Data("The cohort the model was fitted on: .csv, .xlsx/.xls or .parquet."), CommonOptions.Sheet,
        CommonOptions.Out("report.html", "The HTML file to write."),
        VerbOption.Value("--time", "COL", "A time column for the drift section."),
        VerbOption.Value("--test-fraction", "F", "The test fraction fit used (0.01 to 0.9).", "0.2"),
        CommonOptions.Seed("the model's", "The seed fit used for the split."),
        VerbOption.Value("--dictionary", "DICT.csv", "Labels and units per column (columns: column, label, unit)."),
        VerbOption.Value("--title", "TEXT", "The report's title."),
        VerbOption.Value("--cutoffs", "LIBRARY.json", "Clinical cutoffs for the Goodhart flags (default: the built-in library)."),
        VerbOption.Switch("--no-flags", "Leave out the Goodhart flags section."),
        VerbOption.Switch("--no-refit", "With --time, compare periods without refitting per period."),
        CommonOptions.Derive,
    ];

    protected internal override int Execute(CliArguments a, TextWriter stdout, TextWriter stderr)
    {
        string modelPath = a.Required("--model"), dataPath = a.Required("--data"), output = a.Required("--out");
        string? time = a.Optional("--time");
        double testFraction = a.Double("--test-fraction", 0.2, 0.01, 0.9);
        var ct = CliCancellation.Token;

        var model = ModelGateway.Load(modelPath);
        int seed = a.Int("--seed", model.Info.Seed);
        // The model's derived features (and any --derive) are recomputed from the data before anything is measured.
        var data = CohortFiles.Read(dataPath, DerivedColumns.Combine(model, a), stderr, CohortFiles.Options(a));
        string outcome = model.Info.Outcome;
        if (!data.Contains(outcome)) throw new CliUsageException($"The data have no column '{outcome}', the model's outcome.");
        if (time is not null && !data.Contains(time)) throw new CliUsageException($"The data have no time column '{time}'.");
        var dictionary = a.Optional("--dictionary") is { } dictionaryPath ? DataDictionaryFile.Read(dictionaryPath) : null;

        var split = HeldOutSplit.Recompute(data, model, testFraction, seed);
        string evaluation = string.Create(CultureInfo.InvariantCulture,
            $"the {testFraction * 100:0.##}% stratified test split of seed {seed} ({split.Test.Length:N0} rows), recomputed exactly as `fit` made it and never used in fitting.");
        if (model.Info.TrainingRows > 0 && model.Info.TrainingRows != split.Train.Length)
        {
            string warning = string.Create(CultureInfo.InvariantCulture,
                $"the model records {model.Info.TrainingRows:N0} training rows but this split has {split.Train.Length:N0}: the data, seed or --test-fraction differ from the fit, so some evaluation rows may have been used in fitting.");
            stderr.WriteLine("Warning: " + warning);
            evaluation += " Warning: " + warning;
        }

        IReadOnlyList<GoodhartFlag>? flags = null;
        if (!a.Has("--no-flags"))
        {
            stderr.WriteLine("Running the Goodhart drift analysis...");
            var context = new GoodhartContext
            {
                Model = model, Data = data, Options = new GoodhartOptions { TimeColumn = time },
                Cutoffs = ClinicalCutoffLibrary.Load(a.Optional("--cutoffs")),
            };
            IGamTrainer? refit = time is null || a.Has("--no-refit") ? null
                : TrainerCatalog.Create(TrainerCatalog.IsGam(model.Info.Engine) ? model.Info.Engine : TrainerCatalog.Ebm);
            flags = GoodhartAnalyzer.CreateDefault(refit).Analyze(context, ct);
        }

        var report = new ModelReportBuilder().Build(new ModelReportInput
        {
            Model = model, Cohort = data, EvaluationRows = split.Test, TrainingRows = split.Train,
            EvaluationDescription = evaluation, CohortName = Path.GetFileNameWithoutExtension(dataPath),
            SourceFile = Path.GetFileName(dataPath), TimeColumn = time, Flags = flags, Title = a.Optional("--title"),
            Dictionary = dictionary ?? new Dictionary<string, ColumnDescription>(),
        }, ct);
        CohortFiles.WriteAtomically(output, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
            writer.Write(report.ToHtml());
        });
        string auc = report.Performance is { } p
            ? string.Create(CultureInfo.InvariantCulture, $"test AUC {p.Auc.Auc:F4} (95% CI {p.Auc.Lower:F4}-{p.Auc.Upper:F4}), ")
            : "";
        stdout.WriteLine($"Report written to {output}: {auc}{report.ShapePlots.Count} shape plots, {(flags is null ? "Goodhart analysis not run" : $"{flags.Count} Goodhart flag(s)")}.");
        return 0;
    }
}
