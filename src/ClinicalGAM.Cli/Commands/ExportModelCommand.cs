using ClinicalGAM.Cli.Support;
using ClinicalGAM.Core.Serialization;
using ClinicalGAM.Core.Serialization.InterpretMl;

namespace ClinicalGAM.Cli.Commands;

/// <summary>
/// Writes a ClinicalGAM model in another tool's format. Today: InterpretML's model JSON, which Python loads with
/// <c>ExplainableBoostingClassifier()._from_json(path)</c> (binary classifiers only).
/// </summary>
public sealed class ExportModelCommand : CliCommand
{
    public override string Name => "export-model";

    public override string Usage =>
        "export-model --model MODEL.json --format interpretml --out EBM.json\n" +
        "    In Python: ebm = ExplainableBoostingClassifier()._from_json('EBM.json'); ebm.predict_proba(X)\n" +
        "    (InterpretML 0.7's loader is private; binary classifiers only).";

    public override string Summary => "Writes a ClinicalGAM model in InterpretML's JSON format, for Python users.";

    public override string Example => "clinicalgam export-model --model model.json --format interpretml --out ebm.json";

    public override IReadOnlyList<VerbOption> Options =>
    [
        CommonOptions.Model(),
        VerbOption.Value("--format", "interpretml", "The format to write; today the one is interpretml." + CommonOptions.Required, null, "interpretml"),
        CommonOptions.Out("EBM.json", "The file to write."),
    ];

    protected internal override int Execute(CliArguments a, TextWriter stdout, TextWriter stderr)
    {
        string format = a.Required("--format").Trim().ToLowerInvariant();
        if (format != "interpretml") throw new CliUsageException($"unknown --format '{format}'; the one format is 'interpretml'.");
        string output = a.Required("--out");
        try
        {
            var model = ModelGateway.Load(a.Required("--model"));
            CohortFiles.WriteAtomically(output, stream => InterpretMlJson.Write(model, stream));
            stdout.WriteLine($"Model with {model.Terms.Count} terms written in InterpretML's format to {output}.");
            return CliApp.Ok;
        }
        catch (GamModelFormatException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return CliApp.Failed;
        }
    }
}
