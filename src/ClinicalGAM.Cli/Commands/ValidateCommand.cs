using System.Globalization;
using System.Text.Json;
using ClinicalGAM.Cli.Support;
using ClinicalGAM.Core.Diagnostics.Validation;

namespace ClinicalGAM.Cli.Commands;

/// <summary>
/// External validation: scores every row of another cohort with a saved model, unchanged (no refit), and reports
/// discrimination (AUC with 95% CI), calibration slope and intercept, Brier score, log loss, n and events. The model's
/// derived features are recomputed by its own formulas. Rows without an outcome are left out and counted.
/// </summary>
public sealed class ValidateCommand : CliCommand
{
    public override string Name => "validate";
    public override string Usage => "validate --model MODEL.json --data FILE.csv [--sheet NAME] [--out RESULT.json]";

    public override string Summary => "External validation: scores another cohort with a saved model, unchanged, and reports AUC (95% CI), calibration, Brier and log loss.";

    public override string Example => "clinicalgam validate --model model.json --data other-site.csv --out validation.json";

    public override IReadOnlyList<VerbOption> Options =>
    [
        CommonOptions.Model(), CommonOptions.Data("The external cohort, with the outcome: .csv, .xlsx/.xls or .parquet."), CommonOptions.Sheet,
        CommonOptions.Out("RESULT.json", "Also write the metrics and calibration bins as JSON.", required: false),
    ];

    protected internal override int Execute(CliArguments a, TextWriter stdout, TextWriter stderr)
    {
        var model = ModelGateway.Load(a.Required("--model"));
        var data = CohortFiles.Read(a.Required("--data"), CohortFiles.Options(a), stderr);
        ExternalValidationResult result;
        try
        {
            result = ExternalValidation.Evaluate(model, data, CliCancellation.Token);
        }
        catch (ExternalValidationException e)
        {
            throw new InvalidOperationException(e.Message); // data problem, not usage: exit 1 with the message
        }
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"n {result.Rows:N0}, events {result.Events:N0}{(result.ExcludedRows > 0 ? $" ({result.ExcludedRows:N0} rows without an outcome left out)" : "")}"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"AUC {result.Auc.Auc:F4} (95% CI {result.Auc.Lower:F4}-{result.Auc.Upper:F4}), calibration slope {result.Calibration.Slope:F3}, intercept {result.Calibration.Intercept:F3}, Brier {result.Brier:F4}, log loss {result.LogLoss:F4}"));
        if (a.Optional("--out") is { } output)
            CohortFiles.WriteAtomically(output, stream => JsonSerializer.Serialize(stream, Document(result), new JsonSerializerOptions
            {
                WriteIndented = true,
                NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
            }));
        return CliApp.Ok;
    }

    private static object Document(ExternalValidationResult r) => new
    {
        rows = r.Rows,
        events = r.Events,
        excludedRows = r.ExcludedRows,
        auc = r.Auc.Auc,
        aucLower = r.Auc.Lower,
        aucUpper = r.Auc.Upper,
        calibrationSlope = r.Calibration.Slope,
        calibrationIntercept = r.Calibration.Intercept,
        brier = r.Brier,
        logLoss = r.LogLoss,
        meanPredictedRisk = r.MeanPredictedRisk,
        calibrationBins = r.Calibration.Bins.Select(b => new { meanPredicted = b.MeanPredicted, observed = b.Observed, count = b.Count }),
    };
}
