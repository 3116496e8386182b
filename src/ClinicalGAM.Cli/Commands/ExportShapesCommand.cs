using ClinicalGAM.Cli.Support;
using ClinicalGAM.Reporting.Export;

namespace ClinicalGAM.Cli.Commands;

/// <summary>Writes a model's shape functions as spreadsheet-safe CSV: one row per bin (or interaction cell).</summary>
public sealed class ExportShapesCommand : CliCommand
{
    public override string Name => "export-shapes";

    public override string Usage => "export-shapes --model MODEL.json --out shapes.csv";

    public override string Summary => "Writes a model's shape functions as spreadsheet-safe CSV: one row per bin or pair cell.";

    public override string Example => "clinicalgam export-shapes --model model.json --out shapes.csv";

    public override IReadOnlyList<VerbOption> Options =>
    [
        CommonOptions.Model(),
        CommonOptions.Out("shapes.csv", "The CSV file to write."),
    ];

    protected internal override int Execute(CliArguments a, TextWriter stdout, TextWriter stderr)
    {
        var model = ModelGateway.Load(a.Required("--model"));
        string output = a.Required("--out");
        CohortFiles.WriteAtomically(output, stream => CsvExport.WriteShapes(model, stream));
        stdout.WriteLine($"Shape functions of {model.Terms.Count} terms written to {output}.");
        return 0;
    }
}
