using ClinicalGAM.Cli.Support;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Synthetic;

namespace ClinicalGAM.Cli.Commands;

/// <summary>Writes the synthetic SMM delivery cohort (planted truth in sample-data/README.md).</summary>
public sealed class SynthCommand : ICliCommand
{
    public string Name => "synth";
    public string Usage => "synth --rows N --seed S --out FILE.csv";

    public int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        CliApp.Guard(Usage, stderr, () => Execute(args, stdout, stderr));

    private int Execute(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var a = CliArguments.Parse(args, ["--rows", "--seed", "--out"]);
        int rows = a.Int("--rows", 20000, min: 1);
        int seed = a.Int("--seed", 20261125);
        string output = a.Required("--out");
        var table = SmmCohortGenerator.Generate(rows, seed);
        CohortFiles.WriteAtomically(output, stream => CohortCsvWriter.Write(table, stream));
        var outcome = ((NumericColumn)table[SmmGroundTruth.Outcome]).Values;
        double events = 0;
        foreach (double y in outcome) events += y;
        stdout.WriteLine($"Wrote {rows:N0} deliveries (seed {seed}) to {output}: {events:N0} with SMM ({events / rows:P2}).");
        return 0;
    }
}
