using System.Globalization;
using System.Text.Json;
using ClinicalGAM.Cli.Support;
using ClinicalGAM.Core.Modeling.Editing;

namespace ClinicalGAM.Cli.Commands;

/// <summary>Two model files compared term by term: which terms and bins changed, by how much, and the edits each lists.</summary>
public sealed class DiffCommand : CliCommand
{
    public override string Name => "diff";
    public override string Usage => "diff --model A.json --model B.json [--format text|json]";

    public override string Summary => "Compares two model files term by term: which terms and bins changed, by how much, and their edits.";

    public override string Example => "clinicalgam diff --model model.json --model edited.json";

    public override IReadOnlyList<VerbOption> Options =>
    [
        VerbOption.Repeatable("--model", "MODEL.json", "A model to compare; give exactly two."),
        VerbOption.Value("--format", "text|json", "Output format.", "text", "text", "json"),
    ];

    protected internal override int Execute(CliArguments a, TextWriter stdout, TextWriter stderr)
    {
        var paths = a.All("--model");
        if (paths.Count != 2) throw new CliUsageException("diff takes exactly two --model files.");
        var (first, second) = (ModelGateway.Load(paths[0]), ModelGateway.Load(paths[1]));
        var diff = ModelDiff.Of(first, second);
        switch (a.Optional("--format", "text").Trim().ToLowerInvariant())
        {
            case "text":
                stdout.WriteLine($"A: {paths[0]} ({diff.EditsInA} edits)   B: {paths[1]} ({diff.EditsInB} edits)");
                stdout.WriteLine($"intercept change {F(diff.InterceptChange)}");
                var changes = diff.Differences.ToList();
                if (changes.Count == 0) stdout.WriteLine("no term differs.");
                foreach (var t in changes)
                    stdout.WriteLine(t.Change switch
                    {
                        TermChange.Changed => $"{t.Term}: {t.CellsChanged} bins changed (bins {Ranges(t.ChangedCells)}), largest change {F(t.LargestChange)} log-odds",
                        TermChange.Rebinned => $"{t.Term}: binned differently (compare the plots; cells cannot be matched)",
                        _ => $"{t.Term}: {t.Change.ToString().ToLowerInvariant()} in B",
                    });
                foreach (var e in second.Info.Edits.Skip(diff.EditsInA)) stdout.WriteLine($"  edit in B: {e.Summary()}");
                break;
            case "json":
                stdout.WriteLine(JsonSerializer.Serialize(new
                {
                    interceptChange = diff.InterceptChange,
                    terms = diff.Terms.Select(t => new
                    {
                        term = t.Term, change = t.Change.ToString().ToLowerInvariant(), cellsChanged = t.CellsChanged,
                        largestChange = double.IsFinite(t.LargestChange) ? t.LargestChange : (double?)null, cells = t.ChangedCells,
                    }),
                    editsInA = diff.EditsInA, editsInB = diff.EditsInB,
                }, new JsonSerializerOptions { WriteIndented = true }));
                break;
            default:
                throw new CliUsageException("--format takes text or json.");
        }
        return 0;
    }

    private static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);

    // 5,6,7,9 -> "5-7, 9"
    private static string Ranges(int[] cells)
    {
        var parts = new List<string>();
        for (int i = 0; i < cells.Length;)
        {
            int j = i;
            while (j + 1 < cells.Length && cells[j + 1] == cells[j] + 1) j++;
            parts.Add(i == j ? $"{cells[i]}" : $"{cells[i]}-{cells[j]}");
            i = j + 1;
        }
        return string.Join(", ", parts);
    }
}
