using System.Text;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Reporting.Export;

/// <summary>
/// Spreadsheet-safe CSV downloads of a model: its shape functions (one row per bin or interaction cell) and a cohort
/// scored by it. Text cells are escaped against formula injection (<see cref="CsvCells"/>).
/// </summary>
public static class CsvExport
{
    public static readonly string[] ShapeColumns =
        ["term", "feature", "bin", "lower", "upper", "feature_2", "bin_2", "lower_2", "upper_2", "score", "sd", "n"];

    public static void WriteShapes(GamModel model, Stream stream)
    {
        using var writer = Writer(stream);
        WriteShapes(model, writer);
    }

    /// <summary>
    /// Every cell of every term: bin label ("missing", "[7, 7.5)", a level), its numeric edges for continuous bins,
    /// score (link scale), its sd across bags and the training weight (n). Interactions use the _2 columns.
    /// </summary>
    public static void WriteShapes(GamModel model, TextWriter writer)
    {
        writer.WriteLine(string.Join(',', ShapeColumns));
        foreach (var term in model.RankedTerms())
        {
            var first = term.Binnings[0];
            var second = term.IsInteraction ? term.Binnings[1] : null;
            int stride = second?.BinCount ?? 1;
            for (int cell = 0; cell < term.Scores.Length; cell++)
            {
                int bin = cell / stride, bin2 = cell % stride;
                var (lo, hi) = first.BinRange(bin);
                var cells = new List<string> { CsvCells.Text(term.Name), CsvCells.Text(first.Feature), CsvCells.Text(first.BinLabel(bin)),
                    CsvCells.Number(lo), CsvCells.Number(hi) };
                if (second is null) cells.AddRange(["", "", "", ""]);
                else
                {
                    var (lo2, hi2) = second.BinRange(bin2);
                    cells.AddRange([CsvCells.Text(second.Feature), CsvCells.Text(second.BinLabel(bin2)), CsvCells.Number(lo2), CsvCells.Number(hi2)]);
                }
                cells.AddRange([CsvCells.Number(term.Scores[cell]), CsvCells.Number(term.StandardDeviations[cell]), CsvCells.Number(term.BinWeights[cell])]);
                writer.WriteLine(string.Join(',', cells));
            }
        }
        writer.Flush();
    }

    public static void WriteScoredCohort(CohortTable cohort, GamModel model, Stream stream, bool contributions = false,
        CancellationToken cancellationToken = default)
    {
        using var writer = Writer(stream);
        WriteScoredCohort(cohort, model, writer, contributions, cancellationToken);
    }

    /// <summary>
    /// The cohort's own columns, then the model's linear predictor (link scale), the predicted value (risk for a binary
    /// outcome) and, optionally, each term's contribution. Added column names never clash with the cohort's.
    /// </summary>
    public static void WriteScoredCohort(CohortTable cohort, GamModel model, TextWriter writer, bool contributions = false,
        CancellationToken cancellationToken = default)
    {
        var terms = model.Contributions(cohort, cancellationToken);
        var eta = new double[cohort.RowCount];
        Array.Fill(eta, model.Intercept);
        foreach (var c in terms)
            for (int i = 0; i < eta.Length; i++) eta[i] += c[i];

        var names = new HashSet<string>(cohort.Columns.Select(c => c.Name), StringComparer.Ordinal);
        var header = cohort.Columns.Select(c => c.Name).ToList();
        header.Add(Unique(names, "linear_predictor"));
        header.Add(Unique(names, model.Info.Objective == Objective.LogLoss ? "predicted_risk" : "predicted"));
        if (contributions) header.AddRange(model.Terms.Select(t => Unique(names, "contribution: " + t.Name)));
        writer.WriteLine(string.Join(',', header.Select(CsvCells.Text)));

        var columns = cohort.Columns;
        var line = new StringBuilder();
        for (int r = 0; r < cohort.RowCount; r++)
        {
            if ((r & 4095) == 0) cancellationToken.ThrowIfCancellationRequested();
            line.Clear();
            foreach (var column in columns)
            {
                line.Append(column is NumericColumn numeric ? CsvCells.Number(numeric[r]) : CsvCells.Text(column.Format(r))).Append(',');
            }
            line.Append(CsvCells.Number(eta[r])).Append(',').Append(CsvCells.Number(ObjectiveLink.Inverse(model.Info.Objective, eta[r])));
            if (contributions)
                foreach (var c in terms) line.Append(',').Append(CsvCells.Number(c[r]));
            writer.WriteLine(line);
        }
        writer.Flush();
    }

    private static string Unique(HashSet<string> taken, string name)
    {
        string candidate = name;
        for (int k = 2; !taken.Add(candidate); k++) candidate = $"{name}_{k}";
        return candidate;
    }

    private static StreamWriter Writer(Stream stream) =>
        new(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
}
