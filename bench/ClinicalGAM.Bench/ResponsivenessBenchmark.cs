using System.Diagnostics;
using ClinicalGAM.Core.Computing;
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
/// delivery_year as the time column (period refits), and the measurement-value analysis with its panel search. A second
/// probe thread, at the process's normal priority, does a fixed piece of CPU work (20 ms on the idle machine) every
/// 100 ms and records how long it took: what a page's own computing (or a browser on the same machine) gets while the
/// engine holds the cores. `--threads web` runs the engine's loops as the web app does (dedicated threads at a lower
/// priority, see ComputeThreads); the default is the shared pool, as the CLI.
/// </summary>
internal static class ResponsivenessBenchmark
{
    public static void Run(BenchOptions options, TextWriter log)
    {
        if (options.Threads == "web") BoundedParallel.DefaultThreads = new ComputeThreads(Environment.ProcessorCount, lowerPriority: true);
        s_workUnits = Calibrate();
        string path = Path.Combine("sample-data", "smm_cohort.csv");
        var table = CohortFileReader.Read(path);
        var features = table.Columns.Select(c => c.Name).Where(n => !SmmGroundTruth.NonFeatures.Contains(n)).ToArray();
        log.WriteLine($"CPU: {MachineInfo.Cpu()} · {Environment.ProcessorCount} cores · load average {MachineInfo.LoadAverage()}");
        log.WriteLine($"{path}: {table.RowCount:N0} rows, {features.Length} features; engine loops on {(options.Threads == "web"
            ? $"{Environment.ProcessorCount} dedicated threads at nice +{ComputeThreads.LowerPriorityNice}" : "the shared thread pool")}; " +
            $"pool threads at start {ThreadPool.ThreadCount}");
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
        log.WriteLine($"pool threads at end {ThreadPool.ThreadCount}; load average {MachineInfo.LoadAverage()}");
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
        var pieces = new List<double>();
        var cpuProbe = new Thread(() =>
        {
            while (!Volatile.Read(ref done))
            {
                var piece = Stopwatch.StartNew();
                s_sink = Work(s_workUnits);
                pieces.Add(piece.Elapsed.TotalMilliseconds);
                Thread.Sleep(100);
            }
        }) { IsBackground = true };
        cpuProbe.Start();
        var clock = Stopwatch.StartNew();
        work();
        clock.Stop();
        Volatile.Write(ref done, true);
        probe.Wait();
        cpuProbe.Join();
        waits.Sort();
        pieces.Sort();
        double At(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
        log.WriteLine($"  {name,-40} {clock.Elapsed.TotalSeconds,6:0.0} s; a queued task waited: median {At(waits, 0.5):0.0} ms, " +
            $"95th percentile {At(waits, 0.95):0.0} ms, longest {waits[^1]:0} ms ({waits.Count} probes); 20 ms of CPU work took: median " +
            $"{At(pieces, 0.5):0} ms, 95th percentile {At(pieces, 0.95):0} ms ({pieces.Count} probes)");
    }

    private static long s_workUnits;
    private static double s_sink; // keeps the work from being optimised away

    /// <summary>Units of <see cref="Work"/> that take 20 ms on this machine now (run before any engine work).</summary>
    private static long Calibrate()
    {
        long units = 1 << 16;
        while (true)
        {
            var clock = Stopwatch.StartNew();
            s_sink = Work(units);
            if (clock.Elapsed.TotalMilliseconds >= 5) return (long)(units * 20 / clock.Elapsed.TotalMilliseconds);
            units *= 2;
        }
    }

    private static double Work(long units)
    {
        double x = 1;
        for (long i = 0; i < units; i++) x = Math.Sqrt(x + i);
        return x;
    }
}
