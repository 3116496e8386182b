using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Metrics;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Bench;

/// <summary>One engine's fit of one side-by-side cohort.</summary>
internal sealed record VersusResult(int Rows, string Engine, string Setting, double FitSeconds, double PeakMb,
    double TestAuc, int Terms, string Cpu, string VectorPath, string? Error);

/// <summary>
/// Our engine and InterpretML's EBM on the same CSV files, on this machine, in one run: the synthetic design of
/// <see cref="SyntheticCohort"/> written to a training CSV (seed) and an independent test CSV (seed + 1), each engine
/// fitted at its defaults in a process of its own (so peak memory is the fit's, read by the process itself), then
/// scored on the test CSV. InterpretML runs with interactions="3x" (its 0.7.8 default) and both n_jobs settings.
/// </summary>
internal static class SideBySideBenchmark
{
    public static List<VersusResult> Run(BenchOptions options, TextWriter log)
    {
        var cpu = CpuDescription.Read();
        log.WriteLine($"CPU: {cpu.Model}; {cpu.Features}; engine vector path: {cpu.VectorPath}");
        string script = Path.GetFullPath(Path.Combine("bench", "peers", "interpret_fit.py"));
        string peers = Path.GetFullPath(options.PeersDirectory);
        bool havePeer = Directory.Exists(Path.Combine(peers, "interpret"));
        if (!havePeer) log.WriteLine($"InterpretML not found at {peers} (--peers DIR): only our engine runs.");

        var results = new List<VersusResult>();
        foreach (int rows in options.Rows.Order())
        {
            string dir = Path.Combine(Path.GetTempPath(), $"clinicalgam-versus-{rows}-{Environment.ProcessId}");
            Directory.CreateDirectory(dir);
            try
            {
                string train = Path.Combine(dir, "train.csv"), test = Path.Combine(dir, "test.csv");
                WriteCsv(SyntheticCohort.Generate(rows, options.Seed).Table, train);
                WriteCsv(SyntheticCohort.Generate(Math.Min(rows, 100_000), options.Seed + 1).Table, test);
                log.WriteLine($"{rows:N0} training rows, {Math.Min(rows, 100_000):N0} independent test rows: {dir}");

                var ours = RunJson(Environment.ProcessPath!, [typeof(SideBySideBenchmark).Assembly.Location, "fit-csv", train, test,
                    SyntheticCohort.Outcome, options.Seed.ToString(CultureInfo.InvariantCulture)], null, options.FitTimeoutSeconds);
                results.Add(ToResult(rows, "ClinicalGAM ebm", "defaults, all cores", ours, cpu));
                log.WriteLine(Line(results[^1]));
                if (!havePeer) continue;
                foreach (int nJobs in new[] { -1, -2 })
                {
                    var theirs = RunJson("/usr/bin/python3", [script, train, test, SyntheticCohort.Outcome,
                        nJobs.ToString(CultureInfo.InvariantCulture), options.Seed.ToString(CultureInfo.InvariantCulture)],
                        peers, options.FitTimeoutSeconds);
                    results.Add(ToResult(rows, "InterpretML 0.7.8+ EBM", $"interactions=3x, n_jobs={nJobs}", theirs, cpu));
                    log.WriteLine(Line(results[^1]));
                }
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        return results;
    }

    /// <summary>The child side: fit on TRAIN at defaults, score TEST, print one JSON line.</summary>
    public static int FitCsv(string[] args, TextWriter output)
    {
        if (args.Length < 4) { output.WriteLine("usage: fit-csv TRAIN.csv TEST.csv OUTCOME SEED"); return 1; }
        var train = CohortCsvReader.Read(args[0]);
        var test = CohortCsvReader.Read(args[1]);
        string outcome = args[2];
        int seed = int.Parse(args[3], CultureInfo.InvariantCulture);
        var features = train.Columns.Select(c => c.Name).Where(n => n != outcome).ToArray();
        var (scorer, seconds) = Engines.FitTimed("ebm", train, outcome, features, Enumerable.Range(0, train.RowCount).ToArray(), seed);
        var labels = OutcomeValidator.RequireBinary(test, outcome);
        double auc = BinaryMetrics.RocAuc(labels, scorer.Predict(test));
        double peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, double>
        {
            ["fit_seconds"] = seconds, ["peak_mb"] = peak, ["test_auc"] = auc, ["terms"] = (scorer as GamModel)?.Terms.Count ?? 0,
        }));
        return 0;
    }

    private static void WriteCsv(CohortTable table, string path)
    {
        using var stream = File.Create(path);
        CohortCsvWriter.Write(table, stream);
    }

    private static (JsonElement? Json, string? Error) RunJson(string program, string[] args, string? pythonPath, double? timeoutSeconds)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        if (pythonPath is not null) start.Environment["PYTHONPATH"] = pythonPath;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds ?? 7200)))
        {
            process.Kill(entireProcessTree: true);
            return (null, $"stopped after {timeoutSeconds:F0} s");
        }
        var last = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.TrimStart().StartsWith('{'));
        if (process.ExitCode != 0 || last is null)
            return (null, $"exit {process.ExitCode}: {stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()}");
        return (JsonDocument.Parse(last).RootElement.Clone(), null);
    }

    private static VersusResult ToResult(int rows, string engine, string setting, (JsonElement? Json, string? Error) run, CpuDescription cpu)
    {
        if (run.Json is not { } json)
            return new VersusResult(rows, engine, setting, double.NaN, double.NaN, double.NaN, 0, cpu.Model, cpu.VectorPath, run.Error);
        double peak = json.GetProperty("peak_mb").GetDouble();
        if (json.TryGetProperty("peak_child_mb", out var child)) peak = Math.Max(peak, child.GetDouble());
        return new VersusResult(rows, engine, setting, json.GetProperty("fit_seconds").GetDouble(), peak,
            json.GetProperty("test_auc").GetDouble(), (int)json.GetProperty("terms").GetDouble(), cpu.Model, cpu.VectorPath, null);
    }

    private static string Line(VersusResult r) => r.Error is not null
        ? $"  {r.Engine} ({r.Setting}): FAILED {r.Error}"
        : $"  {r.Engine} ({r.Setting}): fit {r.FitSeconds:F1} s, peak {r.PeakMb:F0} MB, test AUC {r.TestAuc:F4}, {r.Terms} terms";
}

/// <summary>The CPU as a benchmark should name it: model, vector features, and the engine's chosen path.</summary>
internal sealed record CpuDescription(string Model, string Features, string VectorPath)
{
    public static CpuDescription Read()
    {
        string model = "unknown CPU", flags = "";
        if (File.Exists("/proc/cpuinfo"))
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name") && model == "unknown CPU") model = line[(line.IndexOf(':') + 1)..].Trim();
                if (line.StartsWith("flags") && flags.Length == 0) flags = line[(line.IndexOf(':') + 1)..];
            }
        }
        var set = flags.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        string features = string.Join(" ", new[] { "sse4_2", "avx2", "fma", "avx512f", "asimd" }.Where(set.Contains));
        string path = Core.Modeling.Ebm.Simd.SimdWidth.Describe(Core.Modeling.Ebm.Simd.SimdWidth.Bits);
        return new CpuDescription($"{model}, {Environment.ProcessorCount} cores", features.Length == 0 ? "no vector flags read" : features, path);
    }
}
