using System.Diagnostics;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Fairness;
using ClinicalGAM.Core.Diagnostics.MeasurementValue;
using ClinicalGAM.Core.Synthetic;

namespace ClinicalGAM.Bench;

/// <summary>
/// Wall-clock time of the two analysis pages on the sample cohort (sample-data/smm_cohort.csv, every column but the
/// id, the outcome and the treatment): the measurement-value analysis without and with the greedy panel search (the
/// panel search alone is the difference), and the four-strategy fairness comparison for race_ethnicity. One run each,
/// default options, seed 42; state the machine's load alongside (2 shared cores make single runs noisy).
/// </summary>
internal static class AnalysisBenchmark
{
    public static void Run(BenchOptions options, TextWriter log, bool value = true, bool fairness = true)
    {
        string path = Path.Combine("sample-data", "smm_cohort.csv");
        var table = CohortFileReader.Read(path);
        var features = table.Columns.Select(c => c.Name).Where(n => !SmmGroundTruth.NonFeatures.Contains(n)).ToArray();
        log.WriteLine($"CPU: {MachineInfo.Cpu()} · {Environment.ProcessorCount} cores · load average {MachineInfo.LoadAverage()}");
        log.WriteLine($"{path}: {table.RowCount:N0} rows, {features.Length} measurements");

        double Time(Action work) { var c = Stopwatch.StartNew(); work(); return c.Elapsed.TotalSeconds; }
        if (value) Value(table, features, log, Time);
        if (fairness) Fairness(table, features, log, Time);
        log.WriteLine($"load average after: {MachineInfo.LoadAverage()}");
    }

    private static void Value(CohortTable table, string[] features, TextWriter log, Func<Action, double> Time)
    {
        // Where one fit's time goes (all measurements, 75% of the rows): search fit against the reported refit.
        var rows = Enumerable.Range(0, table.RowCount).Where(r => r % 4 != 0).ToArray();
        foreach (var (name, fit) in new (string, Func<ClinicalGAM.Core.Modeling.GamModel>)[]
        {
            ("search fit", () => FastRefit.SearchFit(table, SmmGroundTruth.Outcome, features, rows, 42, default)),
            ("refit", () => FastRefit.Fit(table, SmmGroundTruth.Outcome, features, rows, 42, default)),
        })
        {
            var clock = Stopwatch.StartNew();
            var d = fit().Info.Diagnostics!;
            log.WriteLine($"one {name}: {clock.Elapsed.TotalSeconds:0.000} s (binning {d.Timings.BinningSeconds:0.000} s, mains {d.Timings.MainEffectsSeconds:0.000} s, " +
                $"rounds {string.Join("/", d.MainRounds)})");
        }
        var noSearch = new MeasurementValueOptions { Seed = 42, SearchPanels = false };
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        double drops = Time(() => MeasurementValueAnalysis.Run(table, SmmGroundTruth.Outcome, features, noSearch));
        var cpuDrops = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu;
        log.WriteLine($"value, drops only (cross-fitted refits): {drops:0.0} s (CPU {cpuDrops.TotalSeconds:0.0} s)");
        double search = 0;
        MeasurementValueReport? report = null;
        cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        search = Time(() => report = MeasurementValueAnalysis.Run(table, SmmGroundTruth.Outcome, features, new MeasurementValueOptions { Seed = 42 }));
        var cpuSearch = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu;
        log.WriteLine($"value, with panel search: {search:0.0} s (panel search about {search - drops:0.0} s; CPU {cpuSearch.TotalSeconds:0.0} s, search about {(cpuSearch - cpuDrops).TotalSeconds:0.0} s); full AUC {report!.FullAuc:0.000}, " +
            $"best panel within 0.01: {report.Frontier.Where(p => p.Auc >= report.FullAuc - 0.01).MinBy(p => p.TotalCost)?.Panel.Count} measurements");
    }

    private static void Fairness(CohortTable table, string[] features, TextWriter log, Func<Action, double> Time)
    {
        FairnessReport? fair = null;
        double seconds = Time(() => fair = FairnessComparison.Run(table, SmmGroundTruth.Outcome, features, "race_ethnicity", null, new FairnessOptions { Seed = 42 }));
        log.WriteLine($"fairness, race_ethnicity, four strategies + curve: {seconds:0.0} s");
        foreach (var p in fair!.TradeOff)
            log.WriteLine($"  strength {p.Strength:0.##}: DP {p.DemographicParity.Estimate:0.000} ({p.DemographicParity.Lower:0.000}-{p.DemographicParity.Upper:0.000}), " +
                $"AUC {p.Auc:0.000}, cost {p.AucCost.Estimate:+0.000;-0.000;0.000} ({p.AucCost.Lower:0.000} to {p.AucCost.Upper:0.000}); " +
                $"randomised mixture DP {p.RandomisedDemographicParity.Estimate:0.000}; bound {p.Epsilon:0.000}, training disparity {p.TrainingDisparity:0.000}, {p.Members} members");
    }
}
