using ClinicalGAM.Cli.Support;
using ClinicalGAM.Core.Serialization;
using ClinicalGAM.Core.Serialization.InterpretMl;

namespace ClinicalGAM.Cli.Commands;

/// <summary>
/// Writes a ClinicalGAM model in another tool's format. Today: InterpretML's model JSON, which Python loads with
/// <c>ExplainableBoostingClassifier()._from_json(path)</c> (binary classifiers only).
/// </summary>
public sealed class ExportModelCommand : ICliCommand
{
    public string Name => "export-model";

    public string Usage =>
        "export-model --model MODEL.json --format interpretml --out EBM.json\n" +
        "    In Python: ebm = ExplainableBoostingClassifier()._from_json('EBM.json'); ebm.predict_proba(X)\n" +
        "    (InterpretML 0.7's loader is private; binary classifiers only).";

    public int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        CliApp.Guard(Usage, stderr, () =>
        {
            var a = CliArguments.Parse(args, ["--model", "--format", "--out"]);
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
        });
}
