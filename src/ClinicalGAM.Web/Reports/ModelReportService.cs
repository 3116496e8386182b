using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Goodhart;
using ClinicalGAM.Reporting;
using ClinicalGAM.Reporting.Report;

namespace ClinicalGAM.Web.Reports;

/// <summary>
/// The self-contained HTML model report, built by the shared Reporting project (the same report as the CLI's
/// `report` verb) from the saved model, its cohort, the fit's held-out rows, the data dictionary and the latest
/// Goodhart check.
/// </summary>
// The analyses are optional: their latest results (this server's run, else the last stored one) join the report.
public sealed class ModelReportService(ModelViewService models, CohortService cohorts, IWorkbenchStore store,
    MeasurementValueService? value = null, FairnessService? fairness = null)
{
    public async Task<string?> BuildHtmlAsync(int modelId, CancellationToken ct = default)
    {
        var view = await models.GetAsync(modelId);
        if (view is null) return null;
        var entry = view.Entry;
        var table = await cohorts.TableForAsync(entry);
        var dictionary = (await cohorts.DictionaryAsync(entry.CohortId))
            .ToDictionary(d => d.Name, d => new ColumnDescription(d.Annotation.Label, d.Annotation.Unit), StringComparer.Ordinal);
        var flags = await store.LatestFlagsAsync(modelId, ct);
        var validations = await store.ListValidationsAsync(modelId, ct);
        var m = entry.Metrics;
        var labels = Modeling.BinaryLabels(table, entry.Specification.Outcome);
        var split = Modeling.Split(labels, entry.Metrics.TestFraction, entry.Specification.Seed);
        var input = new ModelReportInput
        {
            Model = entry.Model,
            Cohort = table,
            EvaluationRows = view.Test.Rows,
            TrainingRows = split.Train,
            EvaluationDescription = $"the {entry.Metrics.TestFraction:0%} stratified test split of seed {entry.Specification.Seed}, held out from fitting",
            CohortName = view.Cohort?.Name ?? $"cohort {entry.CohortId}",
            SourceFile = view.Cohort?.Source,
            TimeColumn = table.Columns.FirstOrDefault(c => c.Kind == ColumnKind.Date)?.Name,
            Dictionary = dictionary,
            Flags = flags?.Flags.Select(ToFlag).ToList(),
            Title = entry.Name,
            CrossValidation = m.CvFolds >= 2 ? new ReportCrossValidation(m.CvFolds, m.CvSeed, m.CvFoldAucs, m.CvAucMean, m.CvAucSd) : null,
            ExternalValidations = validations.Select(v => new ReportExternalValidation(v.CohortName, v.RunUtc, v.Rows, v.Events,
                v.Auc, v.AucLow, v.AucHigh, v.CalibrationSlope, v.CalibrationIntercept, v.Brier, v.LogLoss)).ToList(),
            MeasurementValue = value is null ? null : (await value.FindAsync(modelId))?.Result,
            Fairness = fairness is null ? null : (await fairness.FindAsync(modelId))?.Result,
            AuditTrail = (await store.ListAuditAsync(modelId: entry.Id, ct: ct)).Reverse()
                .Select(a => new ReportAuditEntry(a.WhenUtc, a.Who, a.From, a.Action, a.Detail)).ToList(),
        };
        return await Task.Run(() => ModelReportHtml.Render(new ModelReportBuilder().Build(input, ct)), ct);
    }

    private static GoodhartFlag ToFlag(FlagView f) => new()
    {
        Feature = f.Feature,
        Kind = Enum.TryParse<GoodhartKind>(f.Kind, ignoreCase: true, out var kind) ? kind : GoodhartKind.Threshold,
        At = f.At, Effect = f.Effect, EffectLow = f.EffectLow, EffectHigh = f.EffectHigh, Z = f.Z, P = f.P, Message = f.Message,
    };
}
