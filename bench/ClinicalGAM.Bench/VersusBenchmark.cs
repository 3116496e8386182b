using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using System.Text.Json;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Metrics;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Bench;

/// <summary>
/// One engine's fit on the versus CSVs: wall seconds of the fit alone, the fitting process's peak memory, test AUC.
/// VectorPath is the widest .NET vector path in effect for the run (InterpretML's libebm picks its own). Rounds says
/// how many boosting rounds per bag each stage took, where it stopped (ours from the fit's diagnostics; InterpretML's
/// from its best_iteration_, which despite its name counts every step boosted before the stop), so that a time ratio can
/// be read as work done times speed per pass.
/// </summary>
internal sealed record VersusResult(int Rows, string Engine, double FitSeconds, double PeakMb, double TestAuc, string VectorPath,
    string? Error, FitStageTimings? Stages = null, string? Rounds = null);

/// <summary>
/// Ours and InterpretML's EBM side by side, in one run, on the same files: the synthetic design (SyntheticCohort)
/// written to a training CSV and an independent test CSV (another seed). Each fit runs in its own process so peak
/// memory is that fit's: ours through this program's `versus-fit`, InterpretML through bench/versus/interpret_ebm.py
/// with n_jobs = -1 (every core, as ours) and its default -2. Both at default settings (InterpretML with
/// interactions="3x", 0.7.8's default).
/// </summary>
internal static class VersusBenchmark
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static List<VersusResult> Run(BenchOptions options, TextWriter log)
    {
        log.WriteLine($"CPU: {MachineInfo.Cpu()}");
        log.WriteLine($"Runtime: {MachineInfo.Runtime()}");
        string peers = Path.GetFullPath(options.PeersDirectory);
        string interpret = Path.Combine(peers, "interpret-core");
        bool haveInterpret = options.NJobs.Length > 0 && Directory.Exists(Path.Combine(interpret, "interpret"));
        if (!haveInterpret && options.NJobs.Length > 0)
            log.WriteLine($"InterpretML not found under {interpret} (use --peers DIR): ours only.");
        Directory.CreateDirectory(options.WorkDirectory);

        var results = new List<VersusResult>();
        foreach (int rows in options.Rows.Order())
        {
            var (train, test) = WriteCsvs(options, rows, log);
            results.Add(Ours(rows, train, test, options.Seed, log));
            if (haveInterpret)
                foreach (int jobs in options.NJobs)
                    results.Add(Interpret(options, interpret, rows, train, test, jobs, log));
            PrintTable(log, results.Where(r => r.Rows == rows).ToList());
        }
        return results;
    }

    /// <summary>The child process's side: fit our engine on TRAIN with defaults, score TEST, print one JSON line.</summary>
    public static int FitChild(string[] args, TextWriter stdout)
    {
        string train = args[0], test = args[1], outcome = args[2];
        int seed = int.Parse(args[3], CultureInfo.InvariantCulture);
        var trainTable = CohortCsvReader.Read(train);
        var features = trainTable.Columns.Select(c => c.Name).Where(n => n != outcome).ToArray();
        var rows = Enumerable.Range(0, trainTable.RowCount).ToArray();
        var (scorer, seconds) = Engines.FitTimed("ebm", trainTable, outcome, features, rows, seed);
        double peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        var testTable = CohortCsvReader.Read(test);
        var labels = OutcomeValidator.RequireBinary(testTable, outcome);
        double auc = BinaryMetrics.RocAuc(labels, scorer.Predict(testTable));
        var diagnostics = scorer.Info.Diagnostics;
        string? rounds = diagnostics is null ? null : RoundsText(diagnostics.MainRounds, diagnostics.PairRounds, "stop");
        stdout.WriteLine(JsonSerializer.Serialize(new ChildResult(seconds, peakMb, auc, MachineInfo.VectorPath(), diagnostics?.Timings, rounds)));
        return 0;
    }

    private sealed record ChildResult(double FitSeconds, double PeakMb, double TestAuc, string VectorPath, FitStageTimings? Stages,
        string? Rounds = null);

    /// <summary>"mains 777-1196 (median 950), pairs 272-380 (median 320) rounds per bag at stop".</summary>
    internal static string RoundsText(IReadOnlyList<int> mains, IReadOnlyList<int> pairs, string when)
    {
        static string Range(IReadOnlyList<int> r)
        {
            var sorted = r.Order().ToArray();
            return $"{sorted[0]}-{sorted[^1]} (median {sorted[sorted.Length / 2]})";
        }
        string text = mains.Count == 0 ? "" : "mains " + Range(mains);
        if (pairs.Count > 0) text += ", pairs " + Range(pairs);
        return $"{text} rounds per bag at {when}";
    }

    private static (string Train, string Test) WriteCsvs(BenchOptions options, int rows, TextWriter log)
    {
        string train = Path.Combine(options.WorkDirectory, $"versus-{rows}-seed{options.Seed}-train.csv");
        string test = Path.Combine(options.WorkDirectory, $"versus-{rows}-seed{options.Seed}-test.csv");
        int testRows = options.TestRows ?? Math.Min(rows, 100_000);
        if (!File.Exists(train)) Write(SyntheticCohort.Generate(rows, options.Seed).Table, train);
        if (!File.Exists(test)) Write(SyntheticCohort.Generate(testRows, options.Seed + 1).Table, test);
        log.WriteLine($"{rows:N0} training rows: {train}; independent test set ({testRows:N0} rows, seed {options.Seed + 1}): {test}");
        return (train, test);
    }

    private static void Write(CohortTable table, string path)
    {
        string temporary = path + ".partial";
        using (var stream = File.Create(temporary)) CohortCsvWriter.Write(table, stream);
        File.Move(temporary, path, overwrite: true);
    }

    private static VersusResult Ours(int rows, string train, string test, int seed, TextWriter log)
    {
        // Under `dotnet run` this process is the app host itself; under `dotnet X.dll` it is dotnet, which needs the dll.
        string host = Environment.ProcessPath ?? "dotnet";
        string[] self = Path.GetFileNameWithoutExtension(host) == "dotnet" ? [typeof(VersusBenchmark).Assembly.Location] : [];
        var start = new ProcessStartInfo(host, [.. self, "versus-fit", train, test, SyntheticCohort.Outcome,
            seed.ToString(CultureInfo.InvariantCulture)]);
        var (json, error) = RunChild(start, log, "ClinicalGAM ebm");
        if (json is null) return new VersusResult(rows, "ClinicalGAM ebm", double.NaN, double.NaN, double.NaN, "", error);
        var r = JsonSerializer.Deserialize<ChildResult>(json, Json)!;
        log.WriteLine($"  ClinicalGAM ebm: fit {r.FitSeconds:F1} s, peak {r.PeakMb:F0} MB, test AUC {r.TestAuc:F4} ({r.VectorPath}); {r.Rounds}");
        return new VersusResult(rows, "ClinicalGAM ebm", r.FitSeconds, r.PeakMb, r.TestAuc, r.VectorPath, null, r.Stages, r.Rounds);
    }

    private static VersusResult Interpret(BenchOptions options, string interpret, int rows, string train, string test, int jobs, TextWriter log)
    {
        string script = Path.GetFullPath(Path.Combine("bench", "versus", "interpret_ebm.py"));
        // libebm on the same instruction sets as ours in this run (it would take AVX-512 wherever the CPU has it).
        string simd = Vector512.IsHardwareAccelerated ? "all" : Vector256.IsHardwareAccelerated ? "avx2" : "none";
        string engine = $"InterpretML n_jobs={jobs}, libebm " + simd switch { "all" => "any SIMD", "avx2" => "AVX2 only", _ => "no SIMD" };
        var start = new ProcessStartInfo(options.Python, [script, train, test, SyntheticCohort.Outcome,
            jobs.ToString(CultureInfo.InvariantCulture), options.Seed.ToString(CultureInfo.InvariantCulture), simd]);
        start.Environment["PYTHONPATH"] = interpret;
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        var (json, error) = RunChild(start, log, engine);
        if (json is null) return new VersusResult(rows, engine, double.NaN, double.NaN, double.NaN, "", error);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        string? rounds = root.TryGetProperty("main_rounds", out var mainRounds) && root.TryGetProperty("pair_rounds", out var pairRounds)
            ? RoundsText(Ints(mainRounds), Ints(pairRounds), "stop")
            : null;
        var r = new VersusResult(rows, engine, root.GetProperty("fit_seconds").GetDouble(), root.GetProperty("peak_mb").GetDouble(),
            root.GetProperty("test_auc").GetDouble(), MachineInfo.VectorPath(), null, null, rounds);
        log.WriteLine($"  {engine}: fit {r.FitSeconds:F1} s, peak {r.PeakMb:F0} MB, test AUC {r.TestAuc:F4}; {rounds}");
        return r;
    }

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    /// <summary>Runs a child to completion; its last stdout line is its JSON result, stderr is passed through on failure.</summary>
    private static (string? Json, string? Error) RunChild(ProcessStartInfo start, TextWriter log, string label)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        log.WriteLine($"  running {label} ...");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string? last = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (process.ExitCode == 0 && last is not null && last.StartsWith('{')) return (last, null);
        string message = $"{label} failed (exit {process.ExitCode}): {stderr.Result.Trim().Split('\n').LastOrDefault()}";
        log.WriteLine("  " + message);
        return (null, message);
    }

    public static void PrintTable(TextWriter log, IReadOnlyList<VersusResult> results)
    {
        var ours = results.FirstOrDefault(r => r.Engine.StartsWith("ClinicalGAM", StringComparison.Ordinal));
        log.WriteLine($"{"rows",10} {"engine",-26} {"fit s",8} {"peak MB",8} {"test AUC",9} {"our time / theirs",18} {"our AUC - theirs",17}");
        foreach (var r in results)
        {
            string ratio = ours is null || r == ours || double.IsNaN(r.FitSeconds) ? "" : (ours.FitSeconds / r.FitSeconds).ToString("F2", CultureInfo.InvariantCulture);
            string gap = ours is null || r == ours || double.IsNaN(r.TestAuc) ? "" : (ours.TestAuc - r.TestAuc).ToString("+0.0000;-0.0000", CultureInfo.InvariantCulture);
            log.WriteLine($"{r.Rows,10:N0} {r.Engine,-26} {r.FitSeconds,8:F1} {r.PeakMb,8:F0} {r.TestAuc,9:F4} {ratio,18} {gap,17}");
        }
    }
}
