using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Metrics;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Operations;
using ClinicalGAM.Reporting.Plots;

namespace ClinicalGAM.Reporting.Report;

/// <summary>
/// Computes a model report from a model, its cohort and the rows to evaluate on: held-out metrics with confidence
/// intervals, calibration, decision curve, subgroups, predictors and missingness, and every shape plot.
/// </summary>
public sealed class ModelReportBuilder(ShapePlotRenderer? renderer = null)
{
    /// <summary>Subgroup tables skip columns with more levels than this (they would not be readable).</summary>
    public const int MaxSubgroupLevels = 20;

    private readonly ShapePlotRenderer _renderer = renderer ?? new ShapePlotRenderer();

    public ModelReport Build(ModelReportInput input, CancellationToken cancellationToken = default)
    {
        var model = input.Model;
        var cohort = input.Cohort;
        string outcome = model.Info.Outcome;
        if (!cohort.Contains(outcome))
            throw new ArgumentException($"The cohort has no column '{outcome}', the model's outcome.");
        foreach (int row in input.EvaluationRows.Concat(input.TrainingRows))
            if ((uint)row >= (uint)cohort.RowCount) throw new ArgumentOutOfRangeException(nameof(input), $"Row {row} is not in the cohort.");

        bool binary = model.Info.Objective == Objective.LogLoss;
        double[] labels = binary
            ? OutcomeValidator.RequireBinary(cohort, outcome, allowMissing: true)
            : ((cohort[outcome] as NumericColumn)?.Values.ToArray()
               ?? throw new ArgumentException($"The outcome '{outcome}' must be numeric."));
        var risk = model.Predict(cohort, cancellationToken);
        var evaluation = input.EvaluationRows.Where(i => !double.IsNaN(labels[i])).ToArray();
        var training = input.TrainingRows.Where(i => !double.IsNaN(labels[i])).ToArray();
        cancellationToken.ThrowIfCancellationRequested();

        var performance = binary ? Performance(labels, risk, evaluation) : null;
        var importances = model.Importances();
        var plots = new List<TermPlot>(importances.Count);
        foreach (var importance in importances)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var term = model.Term(importance.Term)!;
            plots.Add(new TermPlot(term.Name, importance.Features, importance.MeanAbsoluteScore,
                _renderer.Term(term, PlotFormat.Svg, model.Info.Objective, input.Dictionary, input.Flags)));
        }
        var sampleSize = new SampleSizeSection(training.Length, Sum(labels, training), evaluation.Length, Sum(labels, evaluation),
            model.Info.Features.Length, model.Terms.Count, model.Terms.Count(t => t.IsInteraction));
        var predictors = Predictors(input, input.TrainingRows, input.EvaluationRows);
        var report = new ModelReport
        {
            Input = input,
            Title = string.IsNullOrWhiteSpace(input.Title) ? $"Risk model for {outcome}" : input.Title!,
            Source = Source(input),
            Outcome = Outcome(outcome, labels, binary),
            Predictors = predictors,
            SampleSize = sampleSize,
            Performance = performance,
            Subgroups = binary && evaluation.Length > 0 ? Subgroups(input, labels, risk, evaluation) : [],
            Importances = importances,
            ShapePlots = plots,
            ImportancePlot = _renderer.Importances(model),
            PeriodPlots = (input.Flags ?? [])
                .Where(f => f.Kind == Core.Diagnostics.Goodhart.GoodhartKind.Temporal && f.Periods is { Count: > 0 })
                .Select(f => new TermPlot(f.Feature, [f.Feature], double.NaN,
                    _renderer.PeriodOverlay(f, PlotFormat.Svg, model.Info.Objective, input.Dictionary)))
                .ToList(),
            Limitations = [],
        };
        return report with { Limitations = ReportLimitations.For(report) };
    }

    private PerformanceSection? Performance(double[] labels, double[] risk, int[] rows)
    {
        var y = rows.Select(i => labels[i]).ToArray();
        var p = rows.Select(i => risk[i]).ToArray();
        double events = y.Sum();
        if (y.Length == 0 || events == 0 || events == y.Length) return null;
        var calibration = BinaryMetrics.Calibration(y, p);
        var thresholds = DecisionCurve.DefaultThresholds(0.01).Where(t => t <= DecisionCurveLimit(events / y.Length)).ToList();
        var decision = DecisionCurve.Compute(y, p, thresholds);
        return new PerformanceSection(y.Length, events, BinaryMetrics.RocAucConfidenceInterval(y, p), BinaryMetrics.LogLoss(y, p),
            BinaryMetrics.Brier(y, p), p.Average(), calibration, decision,
            _renderer.Roc(y, p), _renderer.Calibration(calibration), _renderer.DecisionCurve(decision, events / y.Length));
    }

    /// <summary>Thresholds worth showing: up to 50%, or further for common outcomes.</summary>
    private static double DecisionCurveLimit(double prevalence) => Math.Min(0.99, Math.Max(0.5, 2 * prevalence));

    private static double Sum(double[] labels, int[] rows)
    {
        double s = 0;
        foreach (int i in rows) s += labels[i];
        return s;
    }

    private static DataSourceSection Source(ModelReportInput input)
    {
        double min = double.NaN, max = double.NaN;
        if (input.TimeColumn is { } time && input.Cohort.Find(time) is NumericColumn column)
        {
            foreach (double v in column.Values)
            {
                if (double.IsNaN(v)) continue;
                if (!(v >= min)) min = v;
                if (!(v <= max)) max = v;
            }
        }
        return new DataSourceSection(input.CohortName, input.SourceFile, input.Cohort.RowCount, input.Cohort.Columns.Count,
            input.TimeColumn, min, max);
    }

    private static OutcomeSection Outcome(string outcome, double[] labels, bool binary)
    {
        int present = labels.Count(v => !double.IsNaN(v));
        double events = labels.Where(v => !double.IsNaN(v)).Sum();
        string definition = binary
            ? $"Binary outcome '{outcome}': 1 = event, 0 = no event (yes/no and true/false read as 1/0)."
            : $"Numeric outcome '{outcome}'.";
        return new OutcomeSection(outcome, definition, present, labels.Length - present, events,
            present > 0 ? events / present : double.NaN);
    }

    private static List<PredictorSummary> Predictors(ModelReportInput input, int[] training, int[] evaluation)
    {
        var list = new List<PredictorSummary>();
        foreach (var name in input.Model.Info.Features)
        {
            var column = input.Cohort.Find(name);
            var description = input.Dictionary.GetValueOrDefault(name);
            if (column is null)
            {
                list.Add(new PredictorSummary(name, description?.Label, description?.Unit, "absent", input.Cohort.RowCount, 1,
                    training.Length, evaluation.Length, "not in this cohort: every row counts as missing"));
                continue;
            }
            int missing = column.MissingCount();
            list.Add(new PredictorSummary(name, description?.Label, description?.Unit, column.Kind.ToString().ToLowerInvariant(),
                missing, column.Length > 0 ? (double)missing / column.Length : 0,
                training.Count(column.IsMissing), evaluation.Count(column.IsMissing), Describe(column)));
        }
        return list;
    }

    private static string Describe(CohortColumn column)
    {
        var profile = ColumnProfiler.Profile(column, histogramBins: 1);
        if (column is CategoricalColumn categorical)
        {
            var top = profile.TopLevels.Take(4).Select(t => t.Level);
            return $"{categorical.Levels.Count} levels: {string.Join(", ", top)}{(categorical.Levels.Count > 4 ? ", …" : "")}";
        }
        return $"median {Format.General(profile.Median)} (range {Format.General(profile.Min)} to {Format.General(profile.Max)})";
    }

    private static List<SubgroupTable> Subgroups(ModelReportInput input, double[] labels, double[] risk, int[] rows)
    {
        var columns = input.SubgroupColumns ?? input.Cohort.Columns
            .Where(c => c.Name != input.Model.Info.Outcome && IsGrouping(c))
            .Select(c => c.Name)
            .ToList();
        var tables = new List<SubgroupTable>();
        foreach (var name in columns)
        {
            var column = input.Cohort.Find(name);
            if (column is null) continue;
            var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            foreach (int i in rows)
            {
                string level = column.IsMissing(i) ? "missing" : column.Format(i);
                if (!groups.TryGetValue(level, out var members)) groups[level] = members = [];
                members.Add(i);
            }
            if (groups.Count > MaxSubgroupLevels) continue;
            var table = groups.OrderByDescending(g => g.Value.Count).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g =>
            {
                var y = g.Value.Select(i => labels[i]).ToArray();
                var p = g.Value.Select(i => risk[i]).ToArray();
                double events = y.Sum();
                AucInterval? auc = events > 0 && events < y.Length ? BinaryMetrics.RocAucConfidenceInterval(y, p) : null;
                return new SubgroupRow(g.Key, y.Length, events, events / y.Length, p.Average(), auc);
            }).ToList();
            tables.Add(new SubgroupTable(name, table));
        }
        return tables;
    }

    private static bool IsGrouping(CohortColumn column) => column switch
    {
        CategoricalColumn c => c.Kind != ColumnKind.Identifier && c.Levels.Count <= MaxSubgroupLevels,
        NumericColumn n => n.Kind == ColumnKind.Binary,
        _ => false,
    };
}
