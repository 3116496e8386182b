using ClinicalGAM.Cli.Support;
using ClinicalGAM.Reporting.Export;

namespace ClinicalGAM.Cli.Commands;

/// <summary>Writes a model's shape functions as spreadsheet-safe CSV: one row per bin (or interaction cell).</summary>
public sealed class ExportShapesCommand : ICliCommand
{
    public string Name => "export-shapes";

    public string Usage => "export-shapes --model MODEL.json --out shapes.csv";

    public int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        CliApp.Guard(Usage, stderr, () =>
        {
            var a = CliArguments.Parse(args, ["--model", "--out"]);
            var model = ModelGateway.Load(a.Required("--model"));
            string output = a.Required("--out");
            CohortFiles.WriteAtomically(output, stream => CsvExport.WriteShapes(model, stream));
            stdout.WriteLine($"Shape functions of {model.Terms.Count} terms written to {output}.");
            return 0;
        });
}
