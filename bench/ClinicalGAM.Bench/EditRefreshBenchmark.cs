using System.Diagnostics;
using System.Globalization;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Editing;

namespace ClinicalGAM.Bench;

/// <summary>
/// How long the model editor takes to refresh its live metrics after an edit, as the web editor does it: apply the
/// edit, then score the validation and test rows with the edited model and the model before the edit (the fitted
/// model's metrics are cached) and compute AUC with its DeLong CI, log loss, Brier, calibration and the confusion
/// counts. The synthetic cohort is fitted at defaults (80/20 split); the editor's validation rows are 20% of the
/// training rows. Reports the one-off opening cost (binning the rows) and the median and 95th percentile per edit.
/// </summary>
internal static class EditRefreshBenchmark
{
    public static void Run(BenchOptions options, TextWriter log)
    {
        log.WriteLine($"CPU: {MachineInfo.Cpu()} · vector path {MachineInfo.VectorPath()} · {Environment.ProcessorCount} cores");
        log.WriteLine("| cohort rows | validation + test rows | terms | open (bin rows) ms | refresh per edit, median ms | p95 ms |");
        log.WriteLine("|---|---|---|---|---|---|");
        foreach (int rows in options.Rows.Order())
        {
            var cohort = SyntheticCohort.Generate(rows, options.Seed);
            var labels = OutcomeValidator.RequireBinary(cohort.Table, SyntheticCohort.Outcome);
            var split = CohortSplit.Stratified(labels, 0.2, options.Seed);
            var (scorer, _) = Engines.FitTimed("ebm", cohort.Table, SyntheticCohort.Outcome, cohort.Features, split.Train, options.Seed);
            var model = (GamModel)scorer;
            var pick = CohortSplit.Stratified(split.Train.Select(i => labels[i]).ToArray(), 0.2, options.Seed + 1).Test;
            var validation = pick.Select(k => split.Train[k]).ToArray();

            var clock = Stopwatch.StartNew();
            var live = new LiveMetrics(cohort.Table, labels, validation, split.Test);
            var session = new EditSession(model);
            live.Evaluate(session.Fitted, MetricScope.All, 0.05); // bins every term's rows once, as opening the editor does
            double openMs = clock.Elapsed.TotalMilliseconds;

            var times = new List<double>();
            var continuous = model.Terms.Where(t => !t.IsInteraction && t.Binnings[0].Kind == BinningKind.Continuous).ToList();
            for (int k = 0; k < 60; k++)
            {
                var term = continuous[k % continuous.Count];
                int n = term.Scores.Length - 1, first = 1 + k % Math.Max(1, n / 2), last = Math.Min(n, first + 1 + n / 4);
                clock.Restart();
                session.Apply(new ShapeEdit(k % 2 == 0 ? ShapeEditTool.Shift : ShapeEditTool.LinearFit, term.Name,
                    CellSelection.Bins(term, first, last), k % 2 == 0 ? 0.05 : null, "benchmark"));
                live.Evaluate(session.Current, MetricScope.All, 0.05);
                live.Evaluate(session.Previous, MetricScope.All, 0.05);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
            log.WriteLine($"| {rows:N0} | {validation.Length + split.Test.Length:N0} | {model.Terms.Count} | {F(openMs)} | {F(times[times.Count / 2])} | {F(times[(int)(0.95 * (times.Count - 1))])} |");
        }
    }
}
