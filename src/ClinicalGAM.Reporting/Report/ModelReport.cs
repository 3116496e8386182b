using ClinicalGAM.Core.Diagnostics.Goodhart;
using ClinicalGAM.Core.Diagnostics.Metrics;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Operations;
using ClinicalGAM.Reporting.Plots;

namespace ClinicalGAM.Reporting.Report;

/// <summary>
/// The computed content of a model report, section by section along the TRIPOD+AI items; rendering is separate
/// (<see cref="ModelReportHtml"/>). Build one with <see cref="ModelReportBuilder"/>.
/// </summary>
public sealed record ModelReport
{
    public required ModelReportInput Input { get; init; }
    public GamModel Model => Input.Model;
    public required string Title { get; init; }

    public required DataSourceSection Source { get; init; }
    public required OutcomeSection Outcome { get; init; }
    public required IReadOnlyList<PredictorSummary> Predictors { get; init; }
    public required SampleSizeSection SampleSize { get; init; }
    /// <summary>Held-out performance; null when the evaluation rows hold no usable outcome.</summary>
    public PerformanceSection? Performance { get; init; }
    public required IReadOnlyList<SubgroupTable> Subgroups { get; init; }
    public required IReadOnlyList<TermImportance> Importances { get; init; }
    /// <summary>One shape plot per term, in importance order (SVG).</summary>
    public required IReadOnlyList<TermPlot> ShapePlots { get; init; }
    public required PlotImage ImportancePlot { get; init; }
    public IReadOnlyList<GoodhartFlag>? Flags => Input.Flags;
    /// <summary>Per-period overlays of the temporal-drift flags that carry their period curves (SVG), in flag order.</summary>
    public IReadOnlyList<TermPlot> PeriodPlots { get; init; } = [];
    public required IReadOnlyList<string> Limitations { get; init; }

    /// <summary>The self-contained HTML document (inline CSS and SVG, no external references).</summary>
    public string ToHtml() => ModelReportHtml.Render(this);
}

public sealed record DataSourceSection(string CohortName, string? SourceFile, int Rows, int Columns, string? TimeColumn,
    double TimeMin, double TimeMax);

public sealed record OutcomeSection(string Name, string Definition, int RowsWithOutcome, int MissingOutcome, double Events,
    double Prevalence);

public sealed record PredictorSummary(string Name, string? Label, string? Unit, string Kind, int Missing, double MissingFraction,
    int MissingTraining, int MissingEvaluation, string Summary);

public sealed record SampleSizeSection(int TrainingRows, double TrainingEvents, int EvaluationRows, double EvaluationEvents,
    int Predictors, int Terms, int Interactions)
{
    /// <summary>Events per candidate predictor in the training rows (a common adequacy check).</summary>
    public double EventsPerPredictor => Predictors > 0 ? TrainingEvents / Predictors : double.NaN;
}

public sealed record PerformanceSection(
    int Rows,
    double Events,
    AucInterval Auc,
    double LogLoss,
    double Brier,
    double MeanPredictedRisk,
    CalibrationCurve Calibration,
    IReadOnlyList<DecisionCurvePoint> DecisionCurve,
    PlotImage RocPlot,
    PlotImage CalibrationPlot,
    PlotImage DecisionCurvePlot)
{
    public double Prevalence => Rows > 0 ? Events / Rows : double.NaN;
    public double ObservedToExpected => MeanPredictedRisk > 0 ? Prevalence / MeanPredictedRisk : double.NaN;
}

/// <summary>Held-out performance within each level of one categorical column.</summary>
public sealed record SubgroupTable(string Column, IReadOnlyList<SubgroupRow> Rows);

public sealed record SubgroupRow(string Level, int Count, double Events, double Prevalence, double MeanRisk, AucInterval? Auc)
{
    public double ObservedToExpected => MeanRisk > 0 ? Prevalence / MeanRisk : double.NaN;
}

public sealed record TermPlot(string Term, IReadOnlyList<string> Features, double Importance, PlotImage Svg);
