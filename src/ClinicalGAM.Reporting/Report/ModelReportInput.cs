using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Goodhart;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Reporting.Report;

/// <summary>
/// Everything a model report is made from. The caller decides which rows the model is evaluated on (normally the
/// held-out test rows of the fit's own split) and says in words how they were chosen; the report repeats it.
/// </summary>
public sealed record ModelReportInput
{
    public required GamModel Model { get; init; }
    /// <summary>The cohort the model was fitted on (or an external validation cohort), outcome column included.</summary>
    public required CohortTable Cohort { get; init; }
    /// <summary>Rows the performance is measured on (held-out). Rows with a missing outcome are skipped.</summary>
    public required int[] EvaluationRows { get; init; }
    /// <summary>Rows the model was fitted on (for sample size and events); empty when unknown (external data).</summary>
    public int[] TrainingRows { get; init; } = [];
    /// <summary>How the evaluation rows were chosen, e.g. "the 20% stratified test split of seed 42, held out from fitting".</summary>
    public required string EvaluationDescription { get; init; }

    public string CohortName { get; init; } = "cohort";
    /// <summary>File or upload the cohort came from; null when not known.</summary>
    public string? SourceFile { get; init; }
    /// <summary>A year or date column giving the data's time span (and the temporal drift period); null when none.</summary>
    public string? TimeColumn { get; init; }
    /// <summary>Data-dictionary labels and units by column name.</summary>
    public IReadOnlyDictionary<string, ColumnDescription> Dictionary { get; init; } = new Dictionary<string, ColumnDescription>();
    /// <summary>Goodhart flags already computed for this model; null = the analysis was not run (the report says so).</summary>
    public IReadOnlyList<GoodhartFlag>? Flags { get; init; }
    /// <summary>Columns to break performance down by; null = every categorical or binary column with at most 20 levels.</summary>
    public IReadOnlyList<string>? SubgroupColumns { get; init; }
    /// <summary>k-fold cross-validation on the training rows; null = not run (the report says so).</summary>
    public ReportCrossValidation? CrossValidation { get; init; }
    /// <summary>Validations of the unchanged model on other cohorts, newest first; empty = none (the report says so).</summary>
    public IReadOnlyList<ReportExternalValidation> ExternalValidations { get; init; } = [];
    /// <summary>The latest measurement-value analysis of this model (workbench page or CLI), when one was run.</summary>
    public Core.Diagnostics.MeasurementValue.MeasurementValueReport? MeasurementValue { get; init; }
    /// <summary>The latest four-strategy fairness comparison of this model, when one was run.</summary>
    public Core.Diagnostics.Fairness.FairnessReport? Fairness { get; init; }
    /// <summary>The model's audit trail, oldest first; null when the report is made outside the workbench.</summary>
    public IReadOnlyList<ReportAuditEntry>? AuditTrail { get; init; }
    /// <summary>Report title; defaults to "Risk model for {outcome}".</summary>
    public string? Title { get; init; }
    public DateTimeOffset GeneratedUtc { get; init; } = DateTimeOffset.UtcNow;
}
