using System.Globalization;
using System.Text.Json;
using ClinicalGAM.Cli.Support;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Cli.Commands;

/// <summary>
/// Prints a saved GAM as a researcher reads it: terms ranked by importance, each with its shape function (score per
/// bin with its across-bag standard deviation and training count) and the score given to missing values.
/// </summary>
public sealed class ExplainCommand : CliCommand
{
    public override string Name => "explain";
    public override string Usage => "explain --model MODEL.json [--format json|text]";

    public override string Summary => "Prints a model's terms by importance, each shape function with its spread and counts.";

    public override string Example => "clinicalgam explain --model model.json --format text";

    public override IReadOnlyList<VerbOption> Options =>
    [
        CommonOptions.Model(),
        VerbOption.Value("--format", "json|text", "Output format.", "json", "json", "text"),
    ];

    protected internal override int Execute(CliArguments a, TextWriter stdout, TextWriter stderr)
    {
        var model = ModelGateway.Load(a.Required("--model"));
        switch (a.Optional("--format", "json").Trim().ToLowerInvariant())
        {
            case "json":
                stdout.WriteLine(Json(model));
                break;
            case "text":
                Text(model, stdout);
                break;
            default:
                throw new CliUsageException("--format takes json or text.");
        }
        return 0;
    }

    internal static string Json(GamModel model)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("outcome", model.Info.Outcome);
            w.WriteString("engine", model.Info.Engine);
            w.WriteString("objective", model.Info.Objective.ToString().ToLowerInvariant());
            Number(w, "intercept", model.Intercept);
            w.WriteStartArray("terms");
            foreach (var term in model.RankedTerms()) WriteTerm(w, term);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteTerm(Utf8JsonWriter w, GamTerm term)
    {
        w.WriteStartObject();
        w.WriteString("name", term.Name);
        w.WriteStartArray("features");
        foreach (var f in term.Features) w.WriteStringValue(f);
        w.WriteEndArray();
        Number(w, "importance", term.Importance());
        w.WriteStartArray("bins");
        if (term.IsInteraction)
        {
            var (a, b) = (term.Binnings[0], term.Binnings[1]);
            for (int i = 0; i < a.BinCount; i++)
            for (int j = 0; j < b.BinCount; j++)
            {
                int cell = term.CellOf([i, j]);
                if (term.BinWeights[cell] <= 0) continue; // a surface is mostly empty cells; list the ones with data
                w.WriteStartObject();
                w.WriteString("label", $"{a.BinLabel(i)} × {b.BinLabel(j)}");
                w.WriteStartArray("labels");
                w.WriteStringValue(a.BinLabel(i));
                w.WriteStringValue(b.BinLabel(j));
                w.WriteEndArray();
                Cell(w, term, cell);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNull("missing");
        }
        else
        {
            var binning = term.Binnings[0];
            for (int bin = 1; bin < binning.BinCount; bin++)
            {
                w.WriteStartObject();
                var (lower, upper) = binning.BinRange(bin);
                Number(w, "lower", lower);
                Number(w, "upper", upper);
                w.WriteString("label", binning.BinLabel(bin));
                Cell(w, term, bin);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("missing");
            Cell(w, term, 0);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void Cell(Utf8JsonWriter w, GamTerm term, int cell)
    {
        Number(w, "score", term.Scores[cell]);
        Number(w, "sd", term.StandardDeviations[cell]);
        Number(w, "n", term.BinWeights[cell]);
    }

    /// <summary>JSON has no NaN or infinity: an open-ended or non-numeric bound is null.</summary>
    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value);
        else w.WriteNull(name);
    }

    private static void Text(GamModel model, TextWriter o)
    {
        var inv = CultureInfo.InvariantCulture;
        var ranked = model.RankedTerms().ToArray();
        o.WriteLine(string.Format(inv, "Outcome {0} ({1}, engine {2}); intercept {3:+0.000;-0.000} on the link scale.",
            model.Info.Outcome, model.Info.Objective.ToString().ToLowerInvariant(), model.Info.Engine, model.Intercept));
        o.WriteLine();
        o.WriteLine("Terms by importance (mean |score| over training rows):");
        for (int k = 0; k < ranked.Length; k++)
            o.WriteLine(string.Format(inv, "{0,4}. {1,-40} {2:0.0000}", k + 1, ranked[k].Name, ranked[k].Importance()));
        foreach (var term in ranked.Where(t => !t.IsInteraction))
        {
            o.WriteLine();
            o.WriteLine(string.Format(inv, "{0} (importance {1:0.0000})", term.Name, term.Importance()));
            var binning = term.Binnings[0];
            for (int bin = 0; bin < binning.BinCount; bin++)
            {
                if (term.BinWeights[bin] <= 0 && bin == 0) continue;
                o.WriteLine(string.Format(inv, "    {0,-28} {1,8:+0.000;-0.000} ± {2:0.000}  (n = {3:0.#})",
                    binning.BinLabel(bin), term.Scores[bin], term.StandardDeviations[bin], term.BinWeights[bin]));
            }
        }
    }
}
