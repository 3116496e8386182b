using System.Globalization;
using System.Text;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Export;

/// <summary>
/// Plain SQL that scores a table with a GAM inside a hospital's own database: one CASE expression per term (column
/// "term:NAME"), the link-scale sum ("logit" for binary outcomes, "linear_predictor" otherwise) and the prediction
/// ("risk" for binary outcomes, "prediction" otherwise). Uses only CASE, comparisons, CAST and EXP, so it runs on
/// SQLite (3.35+ with math functions), PostgreSQL and SQL Server alike. NULL is a missing value; categorical levels
/// are compared as text. Adjacent bins with equal scores share one branch.
/// </summary>
public static class ScoringSql
{
    public static string Generate(GamModel model, string table)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        var sql = new StringBuilder();
        sql.AppendLine($"-- ClinicalGAM scoring for outcome '{model.Info.Outcome.Replace("\n", " ")}' ({model.Info.Engine}, {model.Terms.Count} terms)");
        sql.AppendLine("WITH contributions AS (");
        sql.AppendLine("  SELECT t.*,");
        for (int i = 0; i < model.Terms.Count; i++)
        {
            var term = model.Terms[i];
            sql.Append("    ").Append(TermExpression(term)).Append(" AS ").Append(Quote("term:" + term.Name));
            sql.AppendLine(i < model.Terms.Count - 1 ? "," : "");
        }
        if (model.Terms.Count == 0) sql.AppendLine("    0 AS \"no_terms\"");
        sql.AppendLine($"  FROM {Quote(table)} AS t");
        sql.AppendLine(")");

        var sum = new StringBuilder(Number(model.Intercept));
        foreach (var term in model.Terms) sum.Append(" + ").Append(Quote("term:" + term.Name));
        var (scoreName, predictionName, prediction) = model.Info.Objective switch
        {
            Objective.LogLoss => ("logit", "risk", $"1.0 / (1.0 + EXP(-({sum})))"),
            Objective.Poisson => ("linear_predictor", "prediction", $"EXP({sum})"),
            _ => ("linear_predictor", "prediction", sum.ToString()),
        };
        sql.AppendLine($"SELECT contributions.*, {sum} AS {Quote(scoreName)}, {prediction} AS {Quote(predictionName)}");
        sql.Append("FROM contributions;");
        return sql.ToString();
    }

    private static string TermExpression(GamTerm term)
    {
        if (!term.IsInteraction)
            return BinCase(term.Binnings[0], bin => Number(term.Scores[bin]));
        int stride = term.Binnings[1].BinCount;
        return BinCase(term.Binnings[0], b0 => BinCase(term.Binnings[1], b1 => Number(term.Scores[b0 * stride + b1])));
    }

    // CASE over the bins of one feature; the branch for each bin is given by `branch`.
    private static string BinCase(FeatureBinning binning, Func<int, string> branch)
    {
        string column = "t." + Quote(binning.Feature);
        var sql = new StringBuilder("CASE");
        sql.Append($" WHEN {column} IS NULL THEN {branch(0)}");
        if (binning.Kind == BinningKind.Continuous)
        {
            // Bin b (b >= 1) holds cut[b-2] <= x < cut[b-1]; consecutive bins with equal output share one WHEN.
            int bins = binning.BinCount;
            for (int b = 1; b < bins; b++)
            {
                string output = branch(b);
                int end = b;
                while (end + 1 < bins && branch(end + 1) == output) end++;
                if (end == bins - 1) { sql.Append($" ELSE {output}"); break; }
                sql.Append($" WHEN {column} < {Number(binning.Cuts[end - 1])} THEN {output}");
                b = end;
            }
        }
        else
        {
            for (int l = 0; l < binning.Levels.Length; l++)
                sql.Append($" WHEN CAST({column} AS TEXT) = {Text(binning.Levels[l])} THEN {branch(l + 1)}");
            sql.Append($" ELSE {branch(binning.UnseenBin)}");
        }
        return sql.Append(" END").ToString();
    }

    private static string Number(double value)
    {
        if (!double.IsFinite(value)) throw new InvalidOperationException($"A model value ({value}) cannot be written as SQL.");
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        // Keep a decimal point so every engine computes in floating point, never integer arithmetic.
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private static string Text(string value) => "'" + value.Replace("'", "''") + "'";
}
