using ClinicalGAM.Cli.Support;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Synthetic;

namespace ClinicalGAM.Cli.Commands;

/// <summary>Writes the synthetic SMM delivery cohort (planted truth in sample-data/README.md).</summary>
public sealed class SynthCommand : CliCommand
{
    public override string Name => "synth";
    public override string Usage => "synth --rows N --seed S --out FILE.csv";

    public override string Summary => "Writes a synthetic delivery cohort with severe maternal morbidity (SMM) planted at known effects.";

    public override string Example => "clinicalgam synth --rows 5000 --seed 7 --out deliveries.csv";

    public override IReadOnlyList<VerbOption> Options =>
    [
        VerbOption.Value("--rows", "N", "Number of deliveries to write (1 or more).", "20000"),
        CommonOptions.Seed("20261125", "Random seed; the same seed writes the same cohort."),
        CommonOptions.Out("FILE.csv", "The CSV file to write."),
    ];

    protected internal override int Execute(CliArguments a, TextWriter stdout, TextWriter stderr)
    {
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
