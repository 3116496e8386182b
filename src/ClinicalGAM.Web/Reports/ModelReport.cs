using System.Globalization;
using System.Net;
using System.Text;
using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Web.Reports;

/// <summary>
/// A self-contained, printable HTML report of a model, laid out along the TRIPOD+AI items a risk-model report needs:
/// source of data, outcome, predictors, missing data, sample size and events, specification, performance with CI,
/// calibration, subgroup performance and every shape function (inline SVG). No scripts or external links.
/// </summary>
public sealed class ModelReport(ModelViewService models, CohortService cohorts)
{
    public async Task<string?> BuildAsync(int modelId)
    {
        var view = await models.GetAsync(modelId);
        if (view is null) return null;
        var entry = view.Entry;
        var overview = await cohorts.OverviewAsync(entry.CohortId);
        var titles = await cohorts.AxisTitlesAsync(entry.CohortId);
        var features = entry.Specification.Features.ToHashSet(StringComparer.Ordinal);
        var m = entry.Metrics;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(entry.Name))
            .Append(" · ClinicalGAM report</title><style>").Append(Css).Append("</style></head><body>");
        html.Append($"<h1>{E(entry.Name)}</h1><p class=\"sub\">ClinicalGAM model report · generated {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC</p>");

        Section(html, "1. Source of data", $"<p>Cohort <b>{E(overview.Entry.Name)}</b> (source: {E(overview.Entry.Source)}), " +
            $"{overview.Entry.Rows:N0} rows, {overview.Entry.Columns} columns, added {overview.Entry.CreatedUtc:yyyy-MM-dd}.</p>");
        var outcome = entry.Specification.Outcome;
        var prevalence = overview.BinaryPrevalence.TryGetValue(outcome, out var rate) ? rate : double.NaN;
        Section(html, "2. Outcome", $"<p>Binary outcome <b>{E(Title(titles, outcome))}</b>; prevalence {Pct(prevalence)} in the cohort.</p>");
        Section(html, "3. Predictors and missing data", Table(["predictor", "type", "missing", "distinct", "min", "median", "max"],
            overview.Columns.Where(c => features.Contains(c.Name)).Select(c => new[]
            {
                Title(titles, c.Name), c.Kind.ToString(), Pct(c.MissingFraction), c.DistinctCount.ToString("N0", Inv), N(c.Min), N(c.Median), N(c.Max),
            })) + "<p>Missing values are kept as their own bin of each shape function (no imputation).</p>");
        Section(html, "4. Sample size and events", $"<p>Stratified split with seed {entry.Specification.Seed}: " +
            $"{m.TrainRows:N0} training rows, {m.TestRows:N0} held-out test rows ({m.TestFraction:0%}) with {m.TestEvents:N0} events. " +
            "Test rows were never used in fitting.</p>");
        Section(html, "5. Model specification", Table(["setting", "value"], new[]
        {
            new[] { "engine", entry.Model.Info.Engine }, ["seed", entry.Specification.Seed.ToString(Inv)],
            ["bags", entry.Specification.Bags?.ToString(Inv) ?? "engine default"],
            ["interactions", entry.Specification.Interactions?.ToString(Inv) ?? "engine default"],
            ["terms", $"{entry.Model.Terms.Count(t => !t.IsInteraction)} main effects, {entry.Model.Terms.Count(t => t.IsInteraction)} interactions"],
            ["fit time", $"{entry.Model.Info.FitSeconds:0.0} s"],
        }.Concat(entry.Model.Info.Settings.Select(kv => new[] { kv.Key, kv.Value }))));
        Section(html, "6. Performance (test set)", Table(["measure", "value"], new[]
        {
            new[] { "ROC AUC (95% CI, DeLong)", $"{N3(m.TestAuc)} ({N3(m.TestAucLow)}–{N3(m.TestAucHigh)})" },
            ["log loss", N(m.TestLogLoss, "0.0000")], ["Brier score", N(m.TestBrier, "0.0000")],
            ["calibration slope / intercept", $"{N(m.CalibrationSlope, "0.00")} / {N(m.CalibrationIntercept, "0.00")}"],
            ["black-box reference (FastTree) AUC", double.IsNaN(m.BlackBoxAuc) ? "not fitted" : N3(m.BlackBoxAuc)],
        }));
        Section(html, "7. Calibration", Table(["predicted risk (mean)", "observed event rate", "n"],
            view.Calibration.Bins.Where(b => b.Count > 0).Select(b => new[] { Pct(b.MeanPredicted), Pct(b.Observed), b.Count.ToString("N0", Inv) })));
        var groups = new StringBuilder();
        foreach (var c in overview.Columns.Where(c => c.Kind is ColumnKind.Categorical && c.DistinctCount <= 8))
        {
            var rows = await models.SubgroupsAsync(view, c.Name);
            groups.Append($"<h3>{E(Title(titles, c.Name))}</h3>").Append(Table(["level", "n", "events", "observed", "mean predicted", "O/E", "AUC"],
                rows.Select(r => new[] { r.Level, r.Count.ToString("N0", Inv), r.Events.ToString("N0", Inv), Pct(r.Prevalence), Pct(r.MeanRisk), N(r.ObservedToExpected, "0.00"), N3(r.Auc) })));
        }
        Section(html, "8. Subgroup performance (test set)", groups.Length > 0 ? groups.ToString() : "<p>No categorical column to split by.</p>");
        var shapes = new StringBuilder(Table(["rank", "term", "importance (mean |score|)"],
            view.RankedTerms.Select((t, i) => new[] { (i + 1).ToString(Inv), t.Name, t.Importance().ToString("0.0000", Inv) })));
        foreach (var t in view.RankedTerms.Where(t => !t.IsInteraction))
            shapes.Append($"<figure><figcaption>{E(t.Name)}</figcaption>{SvgShape.Render(t, Title(titles, t.Name))}</figure>");
        if (view.RankedTerms.Any(t => t.IsInteraction))
            shapes.Append("<p>Pairwise interactions are listed in the ranking above; their heatmaps are on the model page.</p>");
        Section(html, "9. Shape functions", shapes.ToString());
        return html.Append("</body></html>").ToString();
    }

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private const string Css = "body{font-family:'DejaVu Sans',system-ui,sans-serif;max-width:1100px;margin:24px auto;color:#222}" +
        "h1{margin-bottom:0}.sub{color:#666;margin-top:4px}h2{border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:28px}" +
        "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;font-size:13px}" +
        "th{background:#f3f3f3}figure{display:inline-block;margin:8px;vertical-align:top}figcaption{font-weight:bold;font-size:13px}" +
        "@media print{figure{break-inside:avoid}h2{break-after:avoid}}";

    private static void Section(StringBuilder html, string title, string body) => html.Append($"<h2>{E(title)}</h2>{body}");

    private static string Table(string[] header, IEnumerable<string[]> rows)
    {
        var sb = new StringBuilder("<table><thead><tr>");
        foreach (var h in header) sb.Append($"<th>{E(h)}</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var row in rows) sb.Append("<tr>").Append(string.Concat(row.Select(c => $"<td>{E(c)}</td>"))).Append("</tr>");
        return sb.Append("</tbody></table>").ToString();
    }

    private static string Title(IReadOnlyDictionary<string, string> titles, string column) => titles.GetValueOrDefault(column, column);
    private static string E(string s) => WebUtility.HtmlEncode(s);
    private static string Pct(double v) => double.IsNaN(v) ? "–" : v.ToString("0.0%", Inv);
    private static string N3(double v) => N(v, "0.000");
    private static string N(double v, string format = "G4") => double.IsNaN(v) ? "–" : v.ToString(format, Inv);
}
