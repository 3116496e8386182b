using System.Diagnostics;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Goodhart;
using ClinicalGAM.Core.Diagnostics.MeasurementValue;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Synthetic;

namespace ClinicalGAM.Bench;

/// <summary>
/// How long other work waits for a thread while the engine computes: what a web page's render waits for while a fit
/// or a Goodhart check runs in the same process. A probe thread queues an empty task on the shared thread pool every
/// 50 ms and records how long it took to start, during a default fit of the sample cohort, its Goodhart check with
/// delivery_year as the time column (period refits), and the measurement-value analysis with its panel search.
/// </summary>
internal static class ResponsivenessBenchmark
{
    public static void Run(TextWriter log)
    {
        string path = Path.Combine("sample-data", "smm_cohort.csv");
        var table = CohortFileReader.Read(path);
        var features = table.Columns.Select(c => c.Name).Where(n => !SmmGroundTruth.NonFeatures.Contains(n)).ToArray();
        log.WriteLine($"CPU: {MachineInfo.Cpu()} · {Environment.ProcessorCount} cores · load average {LoadAverage()}");
        log.WriteLine($"{path}: {table.RowCount:N0} rows, {features.Length} features; pool threads at start {ThreadPool.ThreadCount}");
        var spec = new ModelSpecification { Outcome = SmmGroundTruth.Outcome, Features = features, Seed = 42 };
        var rows = Enumerable.Range(0, table.RowCount).ToArray();
        GamModel? model = null;
        Measure("default EBM fit", () => model = TrainerCatalog.Create(TrainerCatalog.Ebm).Fit(table, spec, rows), log);
        var context = new GoodhartContext
        {
            Model = model!,
            Data = table,
            Options = new GoodhartOptions { TimeColumn = SmmGroundTruth.TimeColumn },
        };
        Measure("Goodhart check, --time delivery_year", () => GoodhartAnalyzer.CreateDefault(TrainerCatalog.Create(TrainerCatalog.Ebm)).Report(context), log);
        Measure("measurement value with panel search", () => MeasurementValueAnalysis.Run(table, SmmGroundTruth.Outcome, features, new MeasurementValueOptions { Seed = 42 }), log);
        log.WriteLine($"pool threads at end {ThreadPool.ThreadCount}; load average {LoadAverage()}");
    }

    private static void Measure(string name, Action work, TextWriter log)
    {
        var waits = new List<double>();
        bool done = false;
        var probe = Task.Factory.StartNew(() =>
        {
            while (!Volatile.Read(ref done))
            {
                var wait = Stopwatch.StartNew();
                Task.Run(() => wait.Stop()).Wait();
                waits.Add(wait.Elapsed.TotalMilliseconds);
                Thread.Sleep(50);
            }
        }, TaskCreationOptions.LongRunning);
        var clock = Stopwatch.StartNew();
        work();
        clock.Stop();
        Volatile.Write(ref done, true);
        probe.Wait();
        waits.Sort();
        double At(double q) => waits[Math.Min(waits.Count - 1, (int)(q * waits.Count))];
        log.WriteLine($"  {name,-40} {clock.Elapsed.TotalSeconds,6:0.0} s; a queued task waited: median {At(0.5):0.0} ms, " +
            $"95th percentile {At(0.95):0.0} ms, longest {waits[^1]:0} ms ({waits.Count} probes)");
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
