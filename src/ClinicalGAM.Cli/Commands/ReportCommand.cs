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
public sealed class ReportCommand : ICliCommand
{
    public string Name => "report";

    public string Usage =>
        "report --model MODEL.json --data FILE.csv [--sheet NAME] --out report.html [--time COL] [--test-fraction 0.2] [--seed N]\n" +
        "    [--dictionary DICT.csv (column,label,unit)] [--title TEXT] [--cutoffs LIBRARY.json] [--no-flags] [--no-refit]\n" +
        "    " + DerivedColumns.Usage;

    public int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        CliApp.Guard(Usage, stderr, () => Execute(args, stdout, stderr));

    private static int Execute(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var a = CliArguments.Parse(args,
            ["--model", "--data", "--out", "--time", "--test-fraction", "--seed", "--dictionary", "--title", "--cutoffs", CohortFiles.SheetOption],
            ["--no-flags", "--no-refit"], [DerivedColumns.Option]);
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
