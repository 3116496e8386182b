using ClinicalGAM.Cli.Support;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Operations;

namespace ClinicalGAM.Cli.Commands;

/// <summary>
/// Merges models of the same features and bins (e.g. one specification fitted at several sites or periods): terms
/// averaged, bag spreads combined. Models with different cuts are refused rather than re-binned.
/// </summary>
public sealed class MergeCommand : CliCommand
{
    public override string Name => "merge";
    public override string Usage => "merge --model A.json --model B.json [--model C.json ...] [--mode models|bags] --out MERGED.json";

    public override string Summary => "Merges models of the same features and bins (e.g. one specification fitted at several sites).";

    public override string Example => "clinicalgam merge --model site-a.json --model site-b.json --out merged.json";

    public override IReadOnlyList<VerbOption> Options =>
    [
        VerbOption.Repeatable("--model", "MODEL.json", "A model to merge; two or more."),
        VerbOption.Value("--mode", "models|bags", "Each model weighs the same (models) or each bag does (bags).", "models", "models", "bags"),
        CommonOptions.Out("MERGED.json", "The merged model file (must differ from every --model)."),
    ];

    protected internal override int Execute(CliArguments a, TextWriter stdout, TextWriter stderr)
    {
        var paths = a.All("--model");
        if (paths.Count < 2) throw new CliUsageException("merge takes two or more --model files.");
        var mode = a.Optional("--mode", "models") switch
        {
            "models" => MergeMode.AverageModels,
            "bags" => MergeMode.UnionOfBags,
            var other => throw new CliUsageException($"--mode takes models or bags, not '{other}'."),
        };
        string outPath = a.Required("--out");
        if (paths.Any(p => Path.GetFullPath(p) == Path.GetFullPath(outPath)))
            throw new CliUsageException("--out must be a new file: the models you merge are kept as they were.");
        var merged = paths.Select(ModelGateway.Load).ToList().Merge(mode);
        using (var stream = File.Create(outPath)) ModelGateway.Write(merged, stream);
        stdout.WriteLine($"merged {paths.Count} models ({(mode == MergeMode.AverageModels ? "each model weighs the same" : "each bag weighs the same")}): " +
            $"{merged.Terms.Count} terms, {merged.BagIntercepts?.Length ?? 0} bags; wrote {outPath}");
        return 0;
    }
}
