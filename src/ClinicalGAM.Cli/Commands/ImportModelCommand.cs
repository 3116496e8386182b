using ClinicalGAM.Cli.Support;
using ClinicalGAM.Core.Serialization;
using ClinicalGAM.Core.Serialization.InterpretMl;

namespace ClinicalGAM.Cli.Commands;

/// <summary>
/// Reads a model written by InterpretML's <c>ebm.to_json(file)</c> (binary classifier) and writes it as a ClinicalGAM
/// model file, which every other verb (score, explain, flags, report, validate) then takes as it takes our own fits.
/// </summary>
public sealed class ImportModelCommand : CliCommand
{
    public override string Name => "import-model";

    public override string Usage =>
        "import-model --interpretml EBM.json [--outcome COL] --out MODEL.json\n" +
        "    EBM.json is what InterpretML's ebm.to_json(file) writes (binary classifiers, logit link). InterpretML files do\n" +
        "    not name the outcome: --outcome gives the column that flags, report and validate read (default 'outcome').";

    public override string Summary => "Reads a model written by InterpretML's ebm.to_json(file) and writes it as a ClinicalGAM model file.";

    public override string Example => "clinicalgam import-model --interpretml ebm.json --outcome smm --out model.json";

    public override IReadOnlyList<VerbOption> Options =>
    [
        VerbOption.Value("--interpretml", "EBM.json", "The file InterpretML's ebm.to_json(file) wrote (binary classifier)." + CommonOptions.Required),
        VerbOption.Value("--outcome", "COL", "The outcome column the model predicts (InterpretML files do not name it).", InterpretMlJson.DefaultOutcome),
        CommonOptions.Out("MODEL.json", "The ClinicalGAM model file to write."),
    ];

    protected internal override int Execute(CliArguments a, TextWriter stdout, TextWriter stderr)
    {
        string input = a.Required("--interpretml"), output = a.Required("--out");
        string outcome = a.Optional("--outcome", InterpretMlJson.DefaultOutcome);
        if (!File.Exists(input)) throw new FileNotFoundException($"The InterpretML model file '{input}' does not exist.", input);
        try
        {
            using var file = File.OpenRead(input);
            var model = InterpretMlJson.Read(file, outcome);
            CohortFiles.WriteAtomically(output, stream => ModelGateway.Write(model, stream));
            int pairs = model.Terms.Count(t => t.IsInteraction);
            stdout.WriteLine($"Imported InterpretML model: {model.Terms.Count} terms ({pairs} pairs) over " +
                             $"{model.Info.Features.Length} features, outcome '{outcome}'; written to {output}.");
            return CliApp.Ok;
        }
        catch (GamModelFormatException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return CliApp.Failed;
        }
    }
}
