using System.Diagnostics;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Metrics;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Bench;

internal sealed record ScaleResult(int Rows, string Engine, double GenerateSeconds, double FitSeconds, double PeakWorkingSetMb,
    double TestAuc, double TrueModelAuc, int Terms, int PairTerms, double Prevalence, string? Error);

/// <summary>
/// Synthetic cohorts of 100,000 and 1,000,000 rows x 20 features: an 80/20 stratified split, a default fit on the
/// training rows timed end to end (binning, boosting, pairs), with progress printed, peak memory, and test AUC
/// against the true model's AUC on the same test rows.
/// </summary>
internal static class ScaleBenchmark
{
    public static List<ScaleResult> Run(BenchOptions options, TextWriter log)
    {
        var results = new List<ScaleResult>();
        foreach (int rows in options.Rows.Order())
        {
            var clock = Stopwatch.StartNew();
            var cohort = SyntheticCohort.Generate(rows, options.Seed);
            double generateSeconds = clock.Elapsed.TotalSeconds;
            var labels = OutcomeValidator.RequireBinary(cohort.Table, SyntheticCohort.Outcome);
            var split = CohortSplit.Stratified(labels, 0.2, options.Seed);
            var testLabels = split.Test.Select(r => labels[r]).ToArray();
            double trueAuc = BinaryMetrics.RocAuc(testLabels, split.Test.Select(r => cohort.TrueRisk[r]).ToArray());
            log.WriteLine($"synthetic {rows:N0} rows: generated in {generateSeconds:F1} s, prevalence {labels.Average():F3}, true-model test AUC {trueAuc:F4}");

            foreach (var engine in options.ScaleEngines)
            {
                var progress = new ConsoleProgress(log, $"{engine} {rows:N0}");
                using var timeout = options.FitTimeoutSeconds is { } limit
                    ? new CancellationTokenSource(TimeSpan.FromSeconds(limit))
                    : new CancellationTokenSource();
                var fitClock = Stopwatch.StartNew();
                try
                {
                    var (scorer, seconds) = Engines.FitTimed(engine, cohort.Table, SyntheticCohort.Outcome, cohort.Features,
                        split.Train, options.Seed, progress, timeout.Token);
                    double peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
                    var p = scorer.Predict(cohort.Table);
                    double auc = BinaryMetrics.RocAuc(testLabels, split.Test.Select(r => p[r]).ToArray());
                    var gam = scorer as GamModel;
                    results.Add(new ScaleResult(rows, engine, generateSeconds, seconds, peakMb, auc, trueAuc,
                        gam?.Terms.Count ?? 0, gam?.Terms.Count(t => t.IsInteraction) ?? 0, labels.Average(), null));
                    log.WriteLine($"{engine} {rows:N0}: fit {seconds:F1} s, peak working set {peakMb:F0} MB, test AUC {auc:F4} (true model {trueAuc:F4})");
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested)
                {
                    double peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
                    string message = $"stopped by --fit-timeout after {fitClock.Elapsed.TotalSeconds:F0} s, at {progress.Last.Fraction:P0} ({progress.Last.Stage})";
                    log.WriteLine($"{engine} {rows:N0}: {message}; peak working set {peakMb:F0} MB");
                    results.Add(new ScaleResult(rows, engine, generateSeconds, double.NaN, peakMb, double.NaN, trueAuc, 0, 0,
                        labels.Average(), message));
                }
                catch (Exception e) when (e is NotSupportedException or ArgumentException or InvalidOperationException or OutOfMemoryException)
                {
                    log.WriteLine($"{engine} {rows:N0}: FAILED {e.Message}");
                    results.Add(new ScaleResult(rows, engine, generateSeconds, double.NaN, double.NaN, double.NaN, trueAuc, 0, 0,
                        labels.Average(), e.Message));
                }
            }
        }
        return results;
    }

    /// <summary>Prints a progress line at most every 5 seconds (and at every stage change).</summary>
    private sealed class ConsoleProgress(TextWriter log, string label) : IProgress<FitProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _last = TimeSpan.FromSeconds(-10);
        private string _stage = "";
        private readonly Lock _gate = new();

        public FitProgress Last { get; private set; } = new("not started", 0);

        public void Report(FitProgress value)
        {
            lock (_gate)
            {
                Last = value;
                if (value.Stage == _stage && _clock.Elapsed - _last < TimeSpan.FromSeconds(5)) return;
                _stage = value.Stage;
                _last = _clock.Elapsed;
                string bag = value.Bags > 0 ? $" bag {value.Bag}/{value.Bags}" : "";
                string round = value.Round > 0 ? $" round {value.Round}" : "";
                string loss = double.IsNaN(value.ValidationLoss) ? "" : $" val loss {value.ValidationLoss:F5}";
                log.WriteLine($"  [{label}] {_clock.Elapsed.TotalSeconds,6:F1} s {value.Fraction,4:P0} {value.Stage}{bag}{round}{loss}");
            }
        }
    }
}
