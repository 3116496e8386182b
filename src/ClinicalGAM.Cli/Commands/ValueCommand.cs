using System.Globalization;
using System.Text.Json;
using ClinicalGAM.Cli.Support;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.MeasurementValue;

namespace ClinicalGAM.Cli.Commands;

/// <summary>
/// Which measurements are worth collecting: per measurement the AUC and log-loss change when dropped (without and
/// with refit) with 95% CIs, the value of having measured it at all, and the greedy panel search's cost frontier.
/// </summary>
public sealed class ValueCommand : CliCommand
{
    public override string Name => "value";
    public override string Usage =>
        "value --data FILE.csv [--sheet NAME] --outcome COL [--features a,b | --exclude a,b] [--costs DICT.csv] [--budget X] [--seed N] [--folds K]\n" +
        "    [--pin-in a,b] [--pin-out a,b] [--no-search] --out VALUE.json\n" +
        "    DICT.csv has the columns 'column' and 'cost' (or 'measurement cost'); missing costs count 1.";

    public override string Summary => "Which measurements are worth collecting: the AUC lost without each, with 95% CIs, and the cheapest panels.";

    public override string Example => "clinicalgam value --data deliveries.csv --outcome smm --costs costs.csv --budget 50 --out value.json";

    public override IReadOnlyList<VerbOption> Options =>
    [
        CommonOptions.Data(), CommonOptions.Sheet,
        VerbOption.Value("--outcome", "COL", "The binary outcome column." + CommonOptions.Required),
        VerbOption.Value("--features", "a,b", "Only these measurements (comma-separated)."),
        VerbOption.Value("--exclude", "a,b", "Every column but these."),
        VerbOption.Value("--costs", "DICT.csv", "Cost per measurement (columns: column, cost); missing costs count 1."),
        VerbOption.Value("--budget", "X", "The most a panel may cost."),
        CommonOptions.Seed("42", "Random seed of the split and the refits."),
        VerbOption.Value("--folds", "K", "Folds for the cross-fitted drop-with-refit comparison on the training rows.", "5"),
        VerbOption.Value("--pin-in", "a,b", "Measurements every panel keeps."),
        VerbOption.Value("--pin-out", "a,b", "Measurements no panel uses."),
        VerbOption.Switch("--no-search", "Skip the greedy panel search."),
        CommonOptions.Out("VALUE.json", "The JSON report to write."),
    ];

    protected internal override int Execute(CliArguments a, TextWriter stdout, TextWriter stderr)
    {
        string outcome = a.Required("--outcome"), output = a.Required("--out");
        var table = CohortFiles.Read(a.Required("--data"), CohortFiles.Options(a), stderr);
        if (!table.Contains(outcome)) throw new CohortFormatException("the outcome column is not in the file.", 1, outcome);
        var features = FeatureSelection.Choose(table, outcome, null, a.List("--features"), a.List("--exclude"));
        var options = new MeasurementValueOptions
        {
            Seed = a.Int("--seed", 42),
            Costs = a.Optional("--costs") is { } path ? ReadCosts(path) : new Dictionary<string, double>(),
            Budget = a.Has("--budget") ? a.Double("--budget", 0, 0, double.MaxValue) : null,
            PinnedIn = a.List("--pin-in"),
            PinnedOut = a.List("--pin-out"),
            SearchPanels = !a.Has("--no-search"),
            CrossFitFolds = a.Int("--folds", 5, 2),
        };
        var progress = new Progress<(double Fraction, string Stage)>(p => stderr.WriteLine($"{p.Fraction:P0} {p.Stage}"));
        var report = MeasurementValueAnalysis.Run(table, outcome, features, options, progress, CliCancellation.Token);
        CohortFiles.WriteAtomically(output, s => JsonSerializer.Serialize(s, report, JsonOutput.Options));
        stdout.WriteLine($"Full model test AUC {report.FullAuc:0.000} ({report.FullAucLower:0.000}-{report.FullAucUpper:0.000}); {report.RefitConfiguration}.");
        stdout.WriteLine($"ΔAUC with refit: {report.CrossFitFolds}-fold cross-fitted on the {report.TrainRows} training rows (out-of-fold, paired bootstrap 95% CI); " +
            $"without refit: terms removed, on the {report.TestRows} test rows.");
        foreach (var m in report.Measurements)
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {m.Feature,-24} cost {m.Cost,8:0.##}  ΔAUC refit {m.AucDropRefit.Estimate:+0.0000;-0.0000;0.0000} ({m.AucDropRefit.Lower:0.0000} to {m.AucDropRefit.Upper:0.0000})  no refit {m.AucDropNoRefit.Estimate:+0.0000;-0.0000;0.0000} ({m.AucDropNoRefit.Lower:0.0000} to {m.AucDropNoRefit.Upper:0.0000})"));
        if (report.CheapestNear95 is { } near)
            stdout.WriteLine($"Cheapest panel with 95% of the full AUC: {string.Join(", ", near.Panel)} (cost {near.TotalCost:0.##}, AUC {near.Auc:0.000}).");
        return 0;
    }

    /// <summary>Costs per column from a dictionary CSV ("column" plus "cost" or "measurement cost"/"measurement_cost").</summary>
    internal static Dictionary<string, double> ReadCosts(string path)
    {
        var t = CohortFiles.Read(path, new CsvReadOptions { KindOverrides = new Dictionary<string, ColumnKind> { ["column"] = ColumnKind.Categorical } });
        var cost = new[] { "cost", "measurement cost", "measurement_cost" }.Select(t.Find).FirstOrDefault(c => c is not null)
            ?? throw new CohortFormatException("the costs file needs a 'cost' (or 'measurement cost') column.", 1, "cost");
        if (t.Find("column") is not { } names) throw new CohortFormatException("the costs file needs a 'column' column.", 1, "column");
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int r = 0; r < t.RowCount; r++)
            if (!cost.IsMissing(r) && double.TryParse(cost.Format(r), NumberStyles.Float, CultureInfo.InvariantCulture, out var c) && double.IsFinite(c) && c >= 0)
                result[names.Format(r)] = c;
        return result;
    }
}

/// <summary>Indented camel-case JSON for analysis reports; non-finite numbers throw rather than being written.</summary>
internal static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}
