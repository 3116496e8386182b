using ClinicalGAM.Reporting.Export;
using System.Globalization;
using System.Text;
using ClinicalGAM.Cli.Support;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Cli.Commands;

/// <summary>
/// Scores new patients with a saved GAM: one output row per input row, in the same order. The outcome may be absent.
/// With --contributions each term's share is written too, so intercept + terms = logit(risk) (the link-scale score).
/// </summary>
public sealed class ScoreCommand : CliCommand
{
    public override string Name => "score";
    public override string Usage => "score --model MODEL.json --data FILE.csv|.xlsx|.parquet [--sheet NAME] --out SCORES.csv [--contributions] " + DerivedColumns.Usage;

    public override string Summary => "Scores patients with a saved model: one risk per input row, in the same order.";

    public override string Example => "clinicalgam score --model model.json --data new-patients.csv --out scores.csv --contributions";

    public override IReadOnlyList<VerbOption> Options =>
    [
        CommonOptions.Model(), CommonOptions.Data("The patients to score: .csv, .xlsx/.xls or .parquet (the outcome may be absent)."), CommonOptions.Sheet,
        CommonOptions.Out("SCORES.csv", "The CSV file of scores to write."),
        VerbOption.Switch("--contributions", "Also write each term's share (intercept + terms = the link-scale score)."),
        CommonOptions.Derive,
    ];

    protected internal override int Execute(CliArguments a, TextWriter stdout, TextWriter stderr)
    {
        var model = ModelGateway.Load(a.Required("--model"));
        var derived = DerivedColumns.Combine(model, a);
        string data = a.Required("--data"), output = a.Required("--out");
        bool contributions = a.Has("--contributions");
        var ct = CliCancellation.Token;

        // Read each model feature with the kind it had in training, so a typo in a numeric column is reported
        // with its line instead of turning the column into text.
        // The model's derived features are recomputed from the new data, before scoring.
        var cohort = CohortFiles.Read(data, derived, stderr, CohortFiles.Options(a, TrainingKinds(model, CohortFiles.ColumnNames(data, a))));
        // An absent column is refused rather than scored as "not measured": the missing bin carries its own risk
        // (often informative), so silently using it would shift every patient's score.
        var missing = model.Info.Features.Where(f => !cohort.Contains(f)).ToArray();
        if (missing.Length > 0)
            throw new CohortFormatException(
                $"The data have no column {string.Join(", ", missing.Select(m => $"'{m}'"))}, which the model uses. " +
                "Add it (empty cells count as not measured) to score patients without that value.", column: missing[0]);

        var eta = model.LinearPredictor(cohort, ct);
        var terms = contributions ? model.Contributions(cohort, ct) : [];
        var identifiers = cohort.Columns.Where(c => c.Kind == ColumnKind.Identifier).ToArray();
        CohortFiles.WriteAtomically(output, stream => Write(stream, model, eta, terms, identifiers));
        stdout.WriteLine($"Scored {cohort.RowCount:N0} rows to {output}.");
        return 0;
    }

    private static CsvReadOptions TrainingKinds(GamModel model, IReadOnlyList<string> columns)
    {
        var kinds = new Dictionary<string, ColumnKind>(StringComparer.Ordinal);
        foreach (var binning in model.Terms.SelectMany(t => t.Binnings).Where(b => columns.Contains(b.Feature)))
            kinds[binning.Feature] = binning.Kind == BinningKind.Continuous ? ColumnKind.Numeric : ColumnKind.Categorical;
        return new CsvReadOptions { KindOverrides = kinds };
    }

    private static void Write(Stream stream, GamModel model, double[] eta, double[][] terms, CohortColumn[] identifiers)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        var header = identifiers.Select(c => Quote(c.Name)).Append("risk");
        if (terms.Length > 0) header = header.Append("intercept").Concat(model.Terms.Select(t => Quote("term:" + t.Name)));
        writer.WriteLine(string.Join(',', header));
        var line = new StringBuilder();
        for (int r = 0; r < eta.Length; r++)
        {
            line.Clear();
            foreach (var id in identifiers) line.Append(Quote(id.Format(r))).Append(',');
            line.Append(Number(ObjectiveLink.Inverse(model.Info.Objective, eta[r])));
            if (terms.Length > 0)
            {
                line.Append(',').Append(Number(model.Intercept));
                foreach (var term in terms) line.Append(',').Append(Number(term[r]));
            }
            writer.WriteLine(line);
        }
    }

    // Scores are opened in spreadsheets: identifiers go through the shared formula-injection-safe cell writer.
    private static string Number(double v) => CsvCells.Number(v);

    private static string Quote(string text) => CsvCells.Text(text);
}
