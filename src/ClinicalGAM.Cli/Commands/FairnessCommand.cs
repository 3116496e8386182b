using System.Text.Json;
using ClinicalGAM.Cli.Support;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Fairness;

namespace ClinicalGAM.Cli.Commands;

/// <summary>
/// The four strategies for a sensitive attribute side by side (remove, train then clean, test-time blinding, modified
/// loss by exponentiated gradient, plus reweighing), each overall and per group, with the trade-off curve over strengths
/// and the proxy finder.
/// </summary>
public sealed class FairnessCommand : CliCommand
{
    public override string Name => "fairness";
    public override string Usage =>
        "fairness --model MODEL.json --data FILE.csv [--sheet NAME] --sensitive COL [--threshold T] [--constraint dp|eo] [--strength S] [--iterations N] [--seed N] [--out FAIRNESS.json]\n" +
        "    Refits use the model's features on a seeded 75/25 split of FILE.csv; every metric is on the 25% test rows.";

    public override string Summary => "Ways to keep a model off a sensitive attribute (remove, clean, blind, modified loss, reweigh) side by side, per group, with the proxy finder.";

    public override string Example => "clinicalgam fairness --model model.json --data deliveries.csv --sensitive race_ethnicity --out fairness.json";

    public override IReadOnlyList<VerbOption> Options =>
    [
        CommonOptions.Model(), CommonOptions.Data("The cohort, with the outcome and the sensitive column: .csv, .xlsx/.xls or .parquet."), CommonOptions.Sheet,
        VerbOption.Value("--sensitive", "COL", "The sensitive attribute's column." + CommonOptions.Required),
        VerbOption.Value("--threshold", "T", "Risk threshold for the rates (0 to 1; default: the outcome rate)."),
        VerbOption.Value("--constraint", "dp|eo", "Parity the modified loss enforces: demographic parity or equalised odds.", "dp"),
        VerbOption.Value("--strength", "S", "Modified loss: share of the unconstrained disparity to remove (0 to 1); also the reweighing strength.", "0.75"),
        VerbOption.Value("--iterations", "N", "Rounds of the exponentiated-gradient game (one fast refit each).", "10"),
        CommonOptions.Seed("42", "Random seed of the 75/25 split and the refits."),
        CommonOptions.Out("FAIRNESS.json", "Also write the full comparison as JSON.", required: false),
    ];

    protected internal override int Execute(CliArguments a, TextWriter stdout, TextWriter stderr)
    {
        var model = ModelGateway.Load(a.Required("--model"));
        string sensitive = a.Required("--sensitive");
        var table = CohortFiles.Read(a.Required("--data"), model.Info.DerivedFeatures, stderr, CohortFiles.Options(a));
        if (!table.Contains(sensitive)) throw new CohortFormatException("the sensitive column is not in the file.", 1, sensitive);
        var options = new FairnessOptions
        {
            Seed = a.Int("--seed", 42),
            Threshold = a.Has("--threshold") ? a.Double("--threshold", 0.5, 0, 1) : null,
            Strength = a.Double("--strength", 0.75, 0, 1),
            Iterations = a.Int("--iterations", 10),
            Constraint = (a.Optional("--constraint") ?? "dp").ToLowerInvariant() switch
            {
                "dp" => ParityConstraint.DemographicParity,
                "eo" => ParityConstraint.EqualisedOdds,
                var other => throw new CliUsageException($"--constraint must be dp or eo, not '{other}'."),
            },
        };
        if (options.Iterations is < 1 or > 200) throw new CliUsageException("--iterations must be between 1 and 200.");
        var progress = new Progress<(double Fraction, string Stage)>(p => stderr.WriteLine($"{p.Fraction:P0} {p.Stage}"));
        var report = FairnessComparison.Run(table, model.Info.Outcome, model.Info.Features, sensitive, model, options, progress, CliCancellation.Token);
        if (a.Optional("--out") is { } output)
            CohortFiles.WriteAtomically(output, s => JsonSerializer.Serialize(s, report, JsonOutput.Options));
        stdout.WriteLine($"Sensitive attribute '{sensitive}', threshold {report.Threshold:0.###}, {report.TestRows} test rows; {report.RefitConfiguration}.");
        stdout.WriteLine($"{"strategy",-20} {"AUC",6} {"O/E",6} {"slope",6} {"DP diff (95% CI)",22} {"EO diff (95% CI)",22}");
        foreach (var s in report.Strategies)
        {
            var m = s.Metrics;
            stdout.WriteLine($"{s.Strategy,-20} {m.Overall.Auc,6:0.000} {m.Overall.ObservedOverExpected,6:0.00} {m.Overall.CalibrationSlope,6:0.00} " +
                $"{$"{m.DemographicParity.Estimate:0.000} ({m.DemographicParity.Lower:0.000}-{m.DemographicParity.Upper:0.000})",22} " +
                $"{$"{m.EqualisedOdds.Estimate:0.000} ({m.EqualisedOdds.Lower:0.000}-{m.EqualisedOdds.Upper:0.000})",22}");
        }
        stdout.WriteLine($"Modified loss ({report.Constraint}, exponentiated gradient, {report.Iterations} rounds): the expected score of a randomised " +
            "mixture of GAMs, itself a GAM (averaged shapes). Over strengths, on the test rows:");
        stdout.WriteLine($"{"strength",8} {"bound",6} {"AUC (95% CI)",20} {"AUC cost (95% CI)",24} {"DP diff (95% CI)",22} {"EO diff (95% CI)",22}");
        foreach (var p in report.TradeOff)
            stdout.WriteLine($"{p.Strength,8:0.##} {p.Epsilon,6:0.000} {$"{p.Auc:0.000} ({p.AucLower:0.000}-{p.AucUpper:0.000})",20} " +
                $"{$"{p.AucCost.Estimate:+0.000;-0.000;0.000} ({p.AucCost.Lower:0.000} to {p.AucCost.Upper:0.000})",24} " +
                $"{$"{p.DemographicParity.Estimate:0.000} ({p.DemographicParity.Lower:0.000}-{p.DemographicParity.Upper:0.000})",22} " +
                $"{$"{p.EqualisedOdds.Estimate:0.000} ({p.EqualisedOdds.Lower:0.000}-{p.EqualisedOdds.Upper:0.000})",22}");
        stdout.WriteLine($"Proxy finder: the other features predict '{report.Proxy.TargetGroup}' with AUC {report.Proxy.Auc:0.000} " +
            $"({report.Proxy.AucLower:0.000}-{report.Proxy.AucUpper:0.000}); top terms {string.Join(", ", report.Proxy.TopTerms.Select(t => t.Feature))}.");
        return 0;
    }
}
