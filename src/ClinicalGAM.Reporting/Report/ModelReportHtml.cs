using System.Globalization;
using ClinicalGAM.Core.Diagnostics.Goodhart;
using ClinicalGAM.Core.Diagnostics.Metrics;

namespace ClinicalGAM.Reporting.Report;

/// <summary>
/// Renders a <see cref="ModelReport"/> as one self-contained HTML file: inline CSS (with print rules, so the browser's
/// "print to PDF" gives a clean document), plots as data: URIs, no scripts, fonts or links to anything outside.
/// Sections follow the TRIPOD+AI items a prediction model report needs.
/// </summary>
public static class ModelReportHtml
{
    /// <summary>Why a Goodhart flag matters, in the words a clinician needs.</summary>
    public const string GoodhartExplanation =
        "When a biomarker guides treatment, the model learns the risk of patients as they were treated. Where " +
        "clinicians act at a threshold or a policy changed, the model's risk for this biomarker reflects care given, " +
        "not underlying risk: do not use it to withhold treatment.";

    public static readonly IReadOnlyList<(string Id, string Title)> Sections =
    [
        ("summary", "Summary"),
        ("source", "Data source and dates"),
        ("outcome", "Outcome"),
        ("predictors", "Predictors"),
        ("missing", "Missing data"),
        ("sample-size", "Sample size and events"),
        ("specification", "Model specification"),
        ("performance", "Performance"),
        ("calibration", "Calibration"),
        ("decision-curve", "Decision curve"),
        ("subgroups", "Subgroup performance"),
        ("shapes", "Shape functions"),
        ("flags", "Goodhart flags"),
        ("measurement-value", "Measurement value"),
        ("fairness", "Fairness"),
        ("limitations", "Limitations"),
        ("audit", "Audit trail"),
    ];

    public static string Render(ModelReport report)
    {
        var html = new Html();
        html.Raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Raw("<title>").Text(report.Title).Raw("</title><style>").Raw(Css).Raw("</style></head><body>\n");
        html.Raw("<header>").Element("h1", report.Title)
            .Element("p", $"ClinicalGAM model report, generated {report.Input.GeneratedUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC. " +
                          "Laid out along the TRIPOD+AI reporting items.", "meta")
            .Raw("</header>\n");
        Contents(html);
        Summary(html, report);
        Source(html, report);
        Outcome(html, report);
        Predictors(html, report);
        Missing(html, report);
        SampleSize(html, report);
        Specification(html, report);
        Performance(html, report);
        Calibration(html, report);
        DecisionCurveSection(html, report);
        Subgroups(html, report);
        Shapes(html, report);
        Flags(html, report);
        MeasurementValue(html, report.Input);
        Fairness(html, report.Input);
        Limitations(html, report);
        AuditTrail(html, report.Input);
        html.Raw("</body></html>\n");
        return html.ToString();
    }

    // What each measurement is worth (drop-one with and without refit, the value of having measured it) and the
    // cheapest panels: the information-acquisition question, answered on the same held-out rows as above.
    private static void MeasurementValue(Html html, ModelReportInput input)
    {
        Open(html, "measurement-value");
        if (input.MeasurementValue is not { } v)
        {
            html.Paragraph("Not run for this report (the model page's “Measurement value”, or `clinicalgam value`).");
            Close(html);
            return;
        }
        html.Paragraph($"Full model test AUC {Format.Number(v.FullAuc, 3)} ({Format.Number(v.FullAucLower, 3)} to {Format.Number(v.FullAucUpper, 3)}), " +
            $"{Format.Count(v.TrainRows)} training and {Format.Count(v.TestRows)} test rows, seed {v.Seed.ToString(CultureInfo.InvariantCulture)}; {v.RefitConfiguration}. " +
            "Changes are (without the measurement) minus (full model), with 95% paired-bootstrap intervals: with the term removed, on the test rows; " +
            $"refitted without it, {v.CrossFitFolds.ToString(CultureInfo.InvariantCulture)}-fold cross-fitted on the training rows (out-of-fold predictions).");
        string D(Core.Diagnostics.MeasurementValue.Difference d) =>
            $"{Format.Number(d.Estimate, 4)} ({Format.Number(d.Lower, 4)} to {Format.Number(d.Upper, 4)})";
        html.Table(["Measurement", "Cost", "Importance", "ΔAUC, term removed", "ΔAUC, refitted without it", "Not measured (share; outcome rate measured / not)"],
            v.Measurements.Select(m => (IReadOnlyList<string?>)[m.Feature, Format.Number(m.Cost, 2), Format.Number(m.Importance, 3),
                D(m.AucDropNoRefit), D(m.AucDropRefit),
                $"{Format.Percent(m.Missingness.MissingShare, 1)}; {Format.Percent(m.Missingness.OutcomeRateMeasured, 2)} / {Format.Percent(m.Missingness.OutcomeRateMissing, 2)}"]));
        if (v.CheapestNear95 is { } near)
            html.Paragraph($"Cheapest panel reaching 95% of the full AUC: {string.Join(", ", near.Panel)} (cost {Format.Number(near.TotalCost, 2)}, " +
                $"AUC {Format.Number(near.Auc, 3)}, {Format.Number(near.AucLower, 3)} to {Format.Number(near.AucUpper, 3)}).");
        if (v.Frontier.Count > 0)
            html.Table(["Panel (cost frontier)", "Total cost", "Test AUC (95% CI)"],
                v.Frontier.Select(p => (IReadOnlyList<string?>)[string.Join(", ", p.Panel), Format.Number(p.TotalCost, 2),
                    $"{Format.Number(p.Auc, 3)} ({Format.Number(p.AucLower, 3)} to {Format.Number(p.AucUpper, 3)})"]));
        Close(html);
    }

    // The four strategies for a sensitive attribute side by side, and how well the other features stand in for it.
    private static void Fairness(Html html, ModelReportInput input)
    {
        Open(html, "fairness");
        if (input.Fairness is not { } f)
        {
            html.Paragraph("Not run for this report (the model page's “Fairness”, or `clinicalgam fairness`).");
            Close(html);
            return;
        }
        html.Paragraph($"Sensitive attribute {f.Sensitive}; threshold {Format.Number(f.Threshold, 3)}; {Format.Count(f.TrainRows)} training and " +
            $"{Format.Count(f.TestRows)} test rows, seed {f.Seed.ToString(CultureInfo.InvariantCulture)}; {f.RefitConfiguration}.");
        string D(Core.Diagnostics.MeasurementValue.Difference d) =>
            $"{Format.Number(d.Estimate, 3)} ({Format.Number(d.Lower, 3)} to {Format.Number(d.Upper, 3)})";
        html.Table(["Strategy", "AUC (95% CI)", "TPR", "FPR", "Demographic-parity difference", "Equalised-odds difference", "Largest shape shift"],
            f.Strategies.Select(s => (IReadOnlyList<string?>)[s.Strategy,
                $"{Format.Number(s.Metrics.Overall.Auc, 3)} ({Format.Number(s.Metrics.Overall.AucLower, 3)} to {Format.Number(s.Metrics.Overall.AucUpper, 3)})",
                Format.Number(s.Metrics.Overall.Tpr, 3), Format.Number(s.Metrics.Overall.Fpr, 3), D(s.Metrics.DemographicParity), D(s.Metrics.EqualisedOdds),
                s.ShapeShifts.OrderByDescending(x => x.MeanAbsoluteChange).FirstOrDefault() is { } top ? $"{top.Term} ({Format.Number(top.MeanAbsoluteChange, 3)})" : "–"]));
        if (f.TradeOff.Count > 0)
        {
            html.Paragraph($"Modified loss: the exponentiated-gradient reduction for {f.Constraint} ({f.Iterations.ToString(CultureInfo.InvariantCulture)} rounds), " +
                "a randomised mixture of GAMs whose expected score is itself a GAM (shapes averaged), so it stays a glass box. Strength is the share " +
                "of the unconstrained model's training disparity removed (bound ε); AUC cost is against strength 0 (paired bootstrap).");
            html.Table(["Strength", "Bound ε", "Test AUC (95% CI)", "AUC cost", "Demographic-parity difference", "Equalised-odds difference", "DP, randomised mixture"],
                f.TradeOff.Select(p => (IReadOnlyList<string?>)[Format.Number(p.Strength, 2), Format.Number(p.Epsilon, 3),
                    $"{Format.Number(p.Auc, 3)} ({Format.Number(p.AucLower, 3)} to {Format.Number(p.AucUpper, 3)})", D(p.AucCost),
                    D(p.DemographicParity), D(p.EqualisedOdds), D(p.RandomisedDemographicParity)]));
        }
        html.Paragraph($"Proxy finder: the other features predict {f.Sensitive} = {f.Proxy.TargetGroup} with AUC {Format.Number(f.Proxy.Auc, 3)} " +
            $"({Format.Number(f.Proxy.AucLower, 3)} to {Format.Number(f.Proxy.AucUpper, 3)}); strongest: {string.Join(", ", f.Proxy.TopTerms.Take(5).Select(t => t.Feature))}.");
        Close(html);
    }

    // Who did what with this model, from the workbench's append-only log (a report made outside it has none).
    private static void AuditTrail(Html html, ModelReportInput input)
    {
        Open(html, "audit");
        if (input.AuditTrail is not { } trail)
            html.Paragraph("Not available: this report was made outside the workbench, which keeps the audit log.");
        else if (trail.Count == 0)
            html.Paragraph("No entries yet.");
        else
            html.Table(["When (UTC)", "Who", "From", "Action", "Detail"],
                trail.Select(a => (IReadOnlyList<string?>)[a.WhenUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    a.Who, a.From, a.Action, a.Detail]));
        Close(html);
    }

    private static void Contents(Html html)
    {
        html.Raw("<nav class=\"contents\"><h2>Contents</h2><ol>");
        foreach (var (id, title) in Sections) html.Raw($"<li><a href=\"#{id}\">").Text(title).Raw("</a></li>");
        html.Raw("</ol></nav>\n");
    }

    private static Html Open(Html html, string id) =>
        html.Raw($"<section id=\"{id}\">").Element("h2", Sections.First(s => s.Id == id).Title);

    private static void Close(Html html) => html.Raw("</section>\n");

    private static void Summary(Html html, ModelReport r)
    {
        Open(html, "summary");
        var info = r.Model.Info;
        string perf = r.Performance is { } p
            ? $"On {Format.Count(p.Rows)} held-out rows ({Format.Count(p.Events)} events) the ROC AUC is {Format.Number(p.Auc.Auc, 3)} " +
              $"(95% CI {Format.Number(p.Auc.Lower, 3)} to {Format.Number(p.Auc.Upper, 3)}), the calibration slope " +
              $"{Format.Number(p.Calibration.Slope, 2)} and intercept {Format.Number(p.Calibration.Intercept, 2)}."
            : "No held-out discrimination could be computed.";
        string flags = r.Flags is null ? "The Goodhart drift analysis was not run."
            : r.Flags.Count == 0 ? "No Goodhart flag was raised."
            : $"{r.Flags.Count} Goodhart flag(s) were raised (see below): for those biomarkers the model's risk reflects care given.";
        html.Paragraph($"A generalised additive model ({info.Engine}) predicting '{info.Outcome}' from {info.Features.Length} " +
                       $"predictors ({r.SampleSize.Terms} terms, {r.SampleSize.Interactions} pairwise interactions), " +
                       $"fitted on {Format.Count(r.SampleSize.TrainingRows)} rows of the cohort '{r.Source.CohortName}'. {perf} {flags}");
        html.Paragraph($"Rows evaluated: {r.Input.EvaluationDescription}");
        Close(html);
    }

    private static void Source(Html html, ModelReport r)
    {
        Open(html, "source");
        var s = r.Source;
        html.Facts([
            ("Cohort", s.CohortName),
            ("Source file", s.SourceFile ?? "not recorded"),
            ("Rows × columns", $"{Format.Count(s.Rows)} × {s.Columns}"),
            ("Time column", s.TimeColumn ?? "none given"),
            ("Time span", s.TimeColumn is null ? "not known" : $"{Format.General(s.TimeMin)} to {Format.General(s.TimeMax)}"),
            ("Model fitted", r.Model.Info.CreatedUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC"),
        ]);
        Close(html);
    }

    private static void Outcome(Html html, ModelReport r)
    {
        Open(html, "outcome");
        var o = r.Outcome;
        html.Paragraph(o.Definition);
        html.Facts([
            ("Rows with the outcome recorded", Format.Count(o.RowsWithOutcome)),
            ("Rows with the outcome missing (excluded)", Format.Count(o.MissingOutcome)),
            ("Events", Format.Count(o.Events)),
            ("Prevalence", Format.Percent(o.Prevalence, 2)),
        ]);
        Close(html);
    }

    private static void Predictors(Html html, ModelReport r)
    {
        Open(html, "predictors");
        html.Paragraph("Candidate predictors as entered into the model, with the data dictionary's label and unit where given.");
        html.Table(["Column", "Label", "Unit", "Type", "Values"],
            r.Predictors.Select(p => (IReadOnlyList<string?>)[p.Name, p.Label ?? "", p.Unit ?? "", p.Kind, p.Summary]));
        Close(html);
    }

    private static void Missing(Html html, ModelReport r)
    {
        Open(html, "missing");
        html.Paragraph("Missing values are not imputed: each predictor's missing values form their own bin with their own " +
                       "score (drawn as a separate point on the shape plots). Rows with a missing outcome are excluded.");
        html.Table(["Predictor", "Missing (all rows)", "Missing %", "Missing in training rows", "Missing in evaluation rows"],
            r.Predictors.Select(p => (IReadOnlyList<string?>)[p.Name, Format.Count(p.Missing), Format.Percent(p.MissingFraction),
                Format.Count(p.MissingTraining), Format.Count(p.MissingEvaluation)]));
        Close(html);
    }

    private static void SampleSize(Html html, ModelReport r)
    {
        Open(html, "sample-size");
        var s = r.SampleSize;
        html.Table(["Part", "Rows", "Events", "Prevalence"],
        [
            ["Training", Format.Count(s.TrainingRows), Format.Count(s.TrainingEvents), Format.Percent(s.TrainingRows > 0 ? s.TrainingEvents / s.TrainingRows : double.NaN, 2)],
            ["Evaluation (held out)", Format.Count(s.EvaluationRows), Format.Count(s.EvaluationEvents), Format.Percent(s.EvaluationRows > 0 ? s.EvaluationEvents / s.EvaluationRows : double.NaN, 2)],
        ]);
        html.Paragraph($"{s.Predictors} candidate predictors; {Format.Number(s.EventsPerPredictor, 1)} training events per predictor.");
        Close(html);
    }

    private static void Specification(Html html, ModelReport r)
    {
        Open(html, "specification");
        var info = r.Model.Info;
        html.Facts([
            ("Engine", info.Engine),
            ("Objective", info.Objective.ToString()),
            ("Seed", info.Seed.ToString(CultureInfo.InvariantCulture)),
            ("Outcome", info.Outcome),
            ("Predictors", string.Join(", ", info.Features)),
            ("Derived features", info.DerivedFeatures.Count == 0 ? "none"
                : string.Join("; ", info.DerivedFeatures.Select(d => $"{d.Name} = {d.Formula}"))),
            ("Weight column", info.WeightColumn ?? "none"),
            ("Terms", $"{r.SampleSize.Terms} ({r.SampleSize.Interactions} pairwise interactions)"),
            ("Bags", r.Model.BagIntercepts is { } bags ? bags.Length.ToString(CultureInfo.InvariantCulture) : "not recorded"),
            ("Intercept (log-odds)", Format.Number(r.Model.Intercept, 4)),
            ("Training rows (recorded in the model)", Format.Count(info.TrainingRows)),
            ("Fit time", $"{Format.Number(info.FitSeconds, 1)} s"),
            ("Evaluation rows", r.Input.EvaluationDescription),
        ]);
        if (info.Settings.Count > 0)
            html.Table(["Engine setting", "Value"],
                info.Settings.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (IReadOnlyList<string?>)[kv.Key, kv.Value]));
        EditHistory(html, info);
        Close(html);
    }

    // An edited model says so before anyone reads its shapes: which version it came from and every hand edit.
    private static void EditHistory(Html html, Core.Modeling.ModelInfo info)
    {
        if (info.Edits.Count == 0 && info.EditedFrom is null) return;
        string parent = info.EditedFrom is { } p ? $"{p.Name} v{p.Version}" + (p.ModelId is { } id ? $" (model #{id})" : "") : "an earlier version";
        html.Paragraph($"Edited version: {info.Edits.Count} hand edit(s) made after fitting, starting from {parent}. " +
            "Edited bins are a reviewer's choice, not an estimate from data; their error bands moved with the edit.");
        html.Table(["#", "Term", "Edit", "Cells", "Largest change (log-odds)", "Reason", "Who", "When (UTC)"],
            info.Edits.Select((e, i) => (IReadOnlyList<string?>)[
                (i + 1).ToString(CultureInfo.InvariantCulture), e.Term, Core.Modeling.Editing.ShapeEditTools.Slug(e.Tool) + (e.Value is { } v ? $" {Format.Number(v, 3)}" : ""),
                e.Cells.Length.ToString(CultureInfo.InvariantCulture), Format.Number(e.LargestChange(), 3), e.Reason, e.Author,
                e.When.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)]));
    }

    private static void Performance(Html html, ModelReport r)
    {
        Open(html, "performance");
        if (r.Performance is not { } p)
        {
            html.Paragraph("Not available: the evaluation rows need both outcome classes and a binary outcome.");
            Close(html);
            return;
        }
        html.Paragraph($"Measured on the evaluation rows only ({r.Input.EvaluationDescription}).");
        html.Table(["Measure", "Value", "95% CI"],
        [
            ["ROC AUC (c statistic)", Format.Number(p.Auc.Auc, 4), $"{Format.Number(p.Auc.Lower, 4)} to {Format.Number(p.Auc.Upper, 4)} (DeLong)"],
            ["Log loss", Format.Number(p.LogLoss, 4), ""],
            ["Brier score", Format.Number(p.Brier, 4), ""],
            ["Calibration slope", Format.Number(p.Calibration.Slope, 3), ""],
            ["Calibration intercept (calibration-in-the-large)", Format.Number(p.Calibration.Intercept, 3), ""],
            ["Observed prevalence / mean predicted risk", $"{Format.Percent(p.Prevalence, 2)} / {Format.Percent(p.MeanPredictedRisk, 2)}", ""],
        ]);
        html.Figure(p.RocPlot, "ROC curve on the evaluation rows.", "plot");
        Validations(html, r.Input);
        Close(html);
    }

    // Internal (k-fold) and external validation, stated as "not performed" when absent so a reader never has to guess.
    private static void Validations(Html html, ModelReportInput input)
    {
        if (input.CrossValidation is { } cv)
        {
            html.Paragraph($"Internal validation: {cv.Folds}-fold cross-validation of the same specification on the training rows " +
                $"(folds stratified on the outcome, seed {cv.Seed}); out-of-fold ROC AUC mean {Format.Number(cv.MeanAuc, 4)}, " +
                $"sd {Format.Number(cv.AucStandardDeviation, 4)} over folds (per fold " +
                $"{string.Join(", ", cv.FoldAucs.Select(a => Format.Number(a, 4)))}). The reported model is the fit on all training rows.");
        }
        else
        {
            html.Paragraph("Internal validation: no cross-validation was run; performance is from the held-out rows only.");
        }
        if (input.ExternalValidations.Count == 0)
        {
            html.Paragraph("External validation: not performed.");
            return;
        }
        html.Paragraph("External validation: the model applied unchanged (no refit) to other cohorts, every row with a known outcome.");
        html.Table(["Cohort", "Validated (UTC)", "Rows", "Events", "ROC AUC (95% CI)", "Calibration slope", "Calibration intercept", "Brier", "Log loss"],
            input.ExternalValidations.Select(v => (IReadOnlyList<string?>)[
                v.CohortName, v.RunUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                Format.Count(v.Rows), Format.Count(v.Events),
                $"{Format.Number(v.Auc, 4)} ({Format.Number(v.AucLower, 4)} to {Format.Number(v.AucUpper, 4)})",
                Format.Number(v.CalibrationSlope, 3), Format.Number(v.CalibrationIntercept, 3),
                Format.Number(v.Brier, 4), Format.Number(v.LogLoss, 4)]),
            "External validation");
    }

    private static void Calibration(Html html, ModelReport r)
    {
        Open(html, "calibration");
        if (r.Performance is not { } p) { html.Paragraph("Not available."); Close(html); return; }
        html.Figure(p.CalibrationPlot, "Observed event rate against mean predicted risk in tenths of predicted risk (±1 binomial se).", "plot");
        html.Table(["Predicted risk range", "Rows", "Mean predicted", "Observed"],
            p.Calibration.Bins.Select(b => (IReadOnlyList<string?>)[
                $"{Format.Percent(b.MinPredicted, 2)} to {Format.Percent(b.MaxPredicted, 2)}", Format.Count(b.Count),
                Format.Percent(b.MeanPredicted, 2), Format.Percent(b.Observed, 2)]));
        Close(html);
    }

    private static void DecisionCurveSection(Html html, ModelReport r)
    {
        Open(html, "decision-curve");
        if (r.Performance is not { } p) { html.Paragraph("Not available."); Close(html); return; }
        html.Paragraph("Net benefit of acting on the model's risk at each threshold, against treating everyone or no one.");
        html.Figure(p.DecisionCurvePlot, "Decision curve on the evaluation rows.", "plot");
        var shown = p.DecisionCurve.Where(d => Array.Exists([0.05, 0.1, 0.2, 0.3], t => Math.Abs(d.Threshold - t) < 1e-9));
        html.Table(["Threshold", "Net benefit (model)", "Treat all", "Treat none"],
            shown.Select(d => (IReadOnlyList<string?>)[Format.Percent(d.Threshold, 0), Format.Number(d.NetBenefit, 4),
                Format.Number(d.TreatAll, 4), Format.Number(d.TreatNone, 4)]));
        Close(html);
    }

    private static void Subgroups(Html html, ModelReport r)
    {
        Open(html, "subgroups");
        if (r.Subgroups.Count == 0) html.Paragraph("No categorical column to break performance down by.");
        foreach (var table in r.Subgroups)
        {
            html.Table(["Level", "Rows", "Events", "Prevalence", "Mean predicted risk", "O/E", "ROC AUC (95% CI)"],
                table.Rows.Select(s => (IReadOnlyList<string?>)[s.Level, Format.Count(s.Count), Format.Count(s.Events),
                    Format.Percent(s.Prevalence, 2), Format.Percent(s.MeanRisk, 2), Format.Number(s.ObservedToExpected, 2),
                    s.Auc is { } a ? $"{Format.Number(a.Auc, 3)} ({Format.Number(a.Lower, 3)} to {Format.Number(a.Upper, 3)})" : "n/a"]),
                caption: $"By {ColumnDescription.AxisTitle(table.Column, r.Input.Dictionary)}");
        }
        Close(html);
    }

    private static void Shapes(Html html, ModelReport r)
    {
        Open(html, "shapes");
        html.Paragraph("Each term's contribution to the log-odds, most important first. The line is the mean over bags, the " +
                       "band ±1 standard deviation across bags; the missing-value bin is its own point; the grey bars show " +
                       "where the training data lie. Categorical terms are bars with error bars; interactions are heatmaps.");
        html.Figure(r.ImportancePlot, "Term importance: mean absolute score over training patients.", "plot");
        int k = 0;
        foreach (var plot in r.ShapePlots)
        {
            k++;
            html.Figure(plot.Svg, $"{k}. {plot.Term} (importance {Format.Number(plot.Importance, 3)})", "term", $"term-{k}");
        }
        Close(html);
    }

    private static void Flags(Html html, ModelReport r)
    {
        Open(html, "flags");
        if (r.Flags is null)
        {
            html.Paragraph("The Goodhart drift analysis was not run for this report.");
            Close(html);
            return;
        }
        html.Element("p", GoodhartExplanation, "explain");
        if (r.Flags.Count == 0)
        {
            html.Paragraph("No flag: the data support no treatment threshold, counter-direction range or drift over time.");
            Close(html);
            return;
        }
        html.Table(["Biomarker", "Pattern", "At", "Effect (log-odds, 95% CI)", "z", "q", "Clinical cut-off", "What it means"],
            r.Flags.Select(f => (IReadOnlyList<string?>)[f.Feature, KindName(f.Kind), Format.General(f.At),
                $"{Format.Number(f.Effect, 2)} ({Format.Number(f.EffectLow, 2)} to {Format.Number(f.EffectHigh, 2)})",
                Format.Number(f.Z, 1), double.IsNaN(f.Q) ? "" : f.Q.ToString("0.###e+0", CultureInfo.InvariantCulture),
                f.Cutoff ?? "", f.Message]));
        foreach (var plot in r.PeriodPlots)
            html.Figure(plot.Svg, $"{plot.Term}: the shape function fitted separately per period; a fading curve means the " +
                                  "biomarker's effect changed with practice.", "plot");
        Close(html);
    }

    private static string KindName(GoodhartKind kind) => kind switch
    {
        GoodhartKind.Threshold => "jump at a threshold",
        GoodhartKind.Direction => "against the expected direction",
        GoodhartKind.Temporal => "effect fades over time",
        GoodhartKind.Heaping => "readings heap or bunch at a cut-off",
        _ => "differs by treatment",
    };

    private static void Limitations(Html html, ModelReport r)
    {
        Open(html, "limitations");
        html.Raw("<ul>");
        foreach (var l in r.Limitations) html.Element("li", l);
        html.Raw("</ul>");
        Close(html);
    }

    private const string Css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;color:#1b1b1b;max-width:980px;margin:0 auto;padding:24px;line-height:1.45}
        h1{font-size:1.7em;margin:0 0 .2em}h2{font-size:1.25em;border-bottom:2px solid #1f4e79;padding-bottom:.2em;margin-top:1.6em;color:#1f4e79}
        .meta{color:#555}table{border-collapse:collapse;margin:.6em 0;width:100%;font-size:.9em}
        caption{text-align:left;font-weight:600;padding:.3em 0}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
        th{background:#eef3f8}tbody tr:nth-child(even){background:#fafafa}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
        figure{margin:1em 0;text-align:center}figure img{max-width:100%;height:auto;border:1px solid #eee}
        figcaption{font-size:.9em;color:#444}.explain{background:#fff4e5;border-left:4px solid #e67e22;padding:8px 12px}
        nav.contents ol{columns:2;font-size:.9em}a{color:#1f4e79}
        @page{size:A4;margin:14mm}
        @media print{body{max-width:none;padding:0;font-size:10.5pt}nav.contents{display:none}figure,table,dl{break-inside:avoid}
        h2{break-after:avoid}section#shapes figure.term{break-inside:avoid;page-break-inside:avoid}a{color:inherit;text-decoration:none}}
        """;
}
