using System.Globalization;
using ClinicalGAM.Cli.Support;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Editing;

namespace ClinicalGAM.Cli.Commands;

/// <summary>
/// One hand edit of a saved model's shape function, for pipelines: the same tools as the web editor, a required
/// reason, and a new model file whose history lists the edit (the input file is never overwritten).
/// </summary>
public sealed class EditCommand : CliCommand
{
    public override string Name => "edit";
    public override string Usage => "edit --model MODEL.json --term TERM --op OP [--range LO:HI | --bins A:B | --levels L1,L2 | --cells A:B,C:D] " +
        "[--value V] [--from OTHER.json] [--fitted FITTED.json] --reason TEXT [--author NAME] --out EDITED.json\n" +
        $"  OP: {string.Join(", ", Enum.GetValues<ShapeEditTool>().Select(t => t.Slug()))}";

    public override string Summary => "One hand edit of a model's shape function, with a reason, written to a new model file.";

    public override string Example => "clinicalgam edit --model model.json --term systolic_bp --op set --range 140:160 --value 0 --reason \"treatment threshold\" --out edited.json";

    public override IReadOnlyList<VerbOption> Options =>
    [
        CommonOptions.Model("The model to edit (kept unchanged)."),
        VerbOption.Value("--term", "TERM", "The term to edit." + CommonOptions.Required),
        VerbOption.Value("--op", "OP", "The edit: " + string.Join(", ", Enum.GetValues<ShapeEditTool>().Select(t => t.Slug())) + "." + CommonOptions.Required,
            null, [.. Enum.GetValues<ShapeEditTool>().Select(t => t.Slug())]),
        VerbOption.Value("--range", "LO:HI", "The bins whose values fall in LO..HI."),
        VerbOption.Value("--bins", "A:B", "Bins A to B."),
        VerbOption.Value("--levels", "L1,L2", "Levels of a categorical term."),
        VerbOption.Value("--cells", "A:B,C:D", "A rectangle of a pair term's cells (first feature's bins, second's)."),
        VerbOption.Value("--value", "V", "The value the edit sets or adds, on the link scale."),
        VerbOption.Value("--from", "OTHER.json", "The model to copy the term from (op replace)."),
        VerbOption.Value("--fitted", "FITTED.json", "The fitted model to restore the term from (op restore)."),
        VerbOption.Value("--reason", "TEXT", "Why the edit is made; kept in the model's history." + CommonOptions.Required),
        VerbOption.Value("--author", "NAME", "Who made the edit.", "the user name"),
        CommonOptions.Out("EDITED.json", "The new model file (must differ from --model)."),
    ];

    protected internal override int Execute(CliArguments a, TextWriter stdout, TextWriter stderr)
    {
        string modelPath = a.Required("--model"), outPath = a.Required("--out");
        if (Path.GetFullPath(outPath) == Path.GetFullPath(modelPath))
            throw new CliUsageException("--out must be a new file: the model you edit is kept as it was.");
        var model = ModelGateway.Load(modelPath);
        ShapeEditTool tool;
        try { tool = ShapeEditTools.Parse(a.Required("--op")); }
        catch (ArgumentException e) { throw new CliUsageException(e.Message); }
        string termName = a.Required("--term");
        var term = model.Term(termName);
        if (term is null && tool != ShapeEditTool.RestoreTerm)
            throw new CliUsageException($"The model has no term '{termName}'. Terms: {string.Join(", ", model.Terms.Select(t => t.Name))}.");
        double? value = a.Has("--value") ? Number(a.Required("--value"), "--value") : null;
        var selection = tool.IsWholeTerm() ? null : Selection(a, term!);

        GamModel? donor = null, fitted = null;
        if (tool == ShapeEditTool.ReplaceFromModel) donor = ModelGateway.Load(a.Optional("--from") ?? throw new CliUsageException("replace needs --from OTHER.json."));
        if (tool == ShapeEditTool.RestoreTerm) fitted = ModelGateway.Load(a.Optional("--fitted") ?? throw new CliUsageException("restore needs --fitted FITTED.json."));

        var (edited, record) = ShapeEditor.Apply(model,
            new ShapeEdit(tool, termName, selection, value, a.Optional("--reason", ""), a.Optional("--author", Environment.UserName)),
            DateTimeOffset.UtcNow, fitted, donor, donor is null ? null : Path.GetFileName(a.Required("--from")));
        // The history continues the input's: its earlier edits, then this one.
        edited = edited.WithInfo(model.Info with { Edits = [.. model.Info.Edits, record] });
        using (var stream = File.Create(outPath)) ModelGateway.Write(edited, stream);
        stdout.WriteLine($"{record.Summary()}; largest change {record.LargestChange().ToString("0.###", CultureInfo.InvariantCulture)} log-odds; wrote {outPath}");
        return 0;
    }

    private static CellSelection Selection(CliArguments a, GamTerm term)
    {
        int given = new[] { "--range", "--bins", "--levels", "--cells" }.Count(a.Has);
        if (given > 1) throw new CliUsageException("Give one of --range, --bins, --levels or --cells.");
        if (a.Optional("--range") is { } range)
        {
            var (lo, hi) = Pair(range, "--range", s => Number(s, "--range"));
            return CellSelection.ValueRange(term, lo, hi);
        }
        if (a.Optional("--bins") is { } bins)
        {
            var (first, last) = Pair(bins, "--bins", s => (double)Integer(s, "--bins"));
            return CellSelection.Bins(term, (int)first, (int)last);
        }
        if (a.Optional("--levels") is { } levels)
            return CellSelection.Levels(term, levels.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        if (a.Optional("--cells") is { } cells)
        {
            var parts = cells.Split(',');
            if (parts.Length != 2) throw new CliUsageException("--cells takes A0:A1,B0:B1 (bins of the pair's first and second feature).");
            var (a0, a1) = Pair(parts[0], "--cells", s => (double)Integer(s, "--cells"));
            var (b0, b1) = Pair(parts[1], "--cells", s => (double)Integer(s, "--cells"));
            return CellSelection.Rectangle(term, (int)a0, (int)a1, (int)b0, (int)b1);
        }
        return CellSelection.Observed(term);
    }

    private static (double, double) Pair(string text, string option, Func<string, double> parse)
    {
        int colon = text.IndexOf(':', 1);
        if (colon < 0) throw new CliUsageException($"{option} takes LOW:HIGH, e.g. 150:170.");
        return (parse(text[..colon]), parse(text[(colon + 1)..]));
    }

    private static double Number(string text, string option) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v : throw new CliUsageException($"{option}: '{text}' is not a number.");

    private static int Integer(string text, string option) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : throw new CliUsageException($"{option}: '{text}' is not a bin number.");
}
