namespace ClinicalGAM.Bench;

internal static class BenchCommand
{
    public const string Usage =
        "dotnet run -c Release --project bench/ClinicalGAM.Bench -- datasets|scale|all|kernels|kernel-parts|profile|versus|edit|analysis|analysis-value|analysis-fairness|responsiveness|report " +
        "[--peers DIR (default ../shared/peers)] [--python /usr/bin/python3] [--work DIR] [--test-rows N] [--n-jobs -1,-2] [--ns MAIN,PAIR] " +
        "[--data DIR] [--engines ebm,mlnet-gam,fasttree] [--datasets pima,breastcancer_wisc,pbc,flchain] [--rows 100000,1000000] [--results DIR] [--report FILE] [--seed N] [--engine-seeds K] [--note TEXT] [--fit-timeout SECONDS]";

    public static int Run(string[] args, TextWriter log)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            log.WriteLine(Usage);
            return args.Length == 0 ? 1 : 0;
        }
        // The child process of `versus`: one fit of ours, result as JSON on stdout.
        if (args[0] == "versus-fit") return VersusBenchmark.FitChild(args[1..], log);
        var options = BenchOptions.Parse(args.Skip(1).ToArray());
        var store = new ResultStore(options.ResultsDirectory, options.Note);
        switch (args[0])
        {
            case "datasets":
                store.SaveDatasets(DatasetBenchmark.Run(options, log));
                break;
            case "scale":
                store.SaveScale(ScaleBenchmark.Run(options, log));
                break;
            case "all":
                store.SaveDatasets(DatasetBenchmark.Run(options, log));
                store.SaveScale(ScaleBenchmark.Run(options, log));
                break;
            case "versus":
                store.SaveVersus(VersusBenchmark.Run(options, log));
                break;
            case "profile":
                store.SaveProfile(StageProfile.Run(options, log));
                break;
            case "kernels":
                KernelBenchmark.Run(options, log);
                return 0;
            case "kernel-parts":
                KernelParts.Run(options, log);
                return 0;
            case "edit":
                EditRefreshBenchmark.Run(options, log);
                return 0;
            case "analysis":
                AnalysisBenchmark.Run(options, log);
                return 0;
            case "analysis-value":
                AnalysisBenchmark.Run(options, log, fairness: false);
                return 0;
            case "analysis-fairness":
                AnalysisBenchmark.Run(options, log, value: false);
                return 0;
            case "responsiveness":
                ResponsivenessBenchmark.Run(options, log);
                return 0;
            case "report":
                break;
            default:
                log.WriteLine($"Unknown part '{args[0]}'. {Usage}");
                return 1;
        }
        BenchmarkReport.Write(options.ReportPath, store.LoadDatasets(), store.LoadScale(), store.LoadVersus(), store.LoadProfile());
        log.WriteLine($"Wrote {options.ReportPath}");
        return 0;
    }
}

internal sealed record BenchOptions
{
    public string DataDirectory { get; init; } = Path.Combine("bench", "data");
    public string ResultsDirectory { get; init; } = Path.Combine("bench", "results");
    public string ReportPath { get; init; } = Path.Combine("docs", "benchmarks.md");
    public string[] Engines { get; init; } = ["ebm", "mlnet-gam", "fasttree"];
    /// <summary>The shared datasets to run (default all four).</summary>
    public string[] Datasets { get; init; } = DatasetBenchmark.Datasets;
    public string[] ScaleEngines { get; init; } = ["ebm"];
    public int[] Rows { get; init; } = [100_000, 1_000_000];
    public int Seed { get; init; } = 20261125;
    /// <summary>Engine seeds per dataset split (split + 1000 k); the split's AUC is their mean. Defaults to 1.</summary>
    public int EngineSeeds { get; init; } = 1;
    /// <summary>Free text about the conditions of the run (e.g. other work sharing the cores), shown in the report.</summary>
    public string? Note { get; init; }
    /// <summary>Stop a scale fit after this many seconds (through its cancellation token) and report how far it got.</summary>
    public double? FitTimeoutSeconds { get; init; }
    /// <summary>Folder holding interpret-core (InterpretML); relative to the repository root. Defaults to ../shared/peers.</summary>
    public string PeersDirectory { get; init; } = Path.Combine("..", "shared", "peers");
    public string Python { get; init; } = "/usr/bin/python3";
    /// <summary>Where versus writes its CSVs (kept and reused: they are deterministic).</summary>
    public string WorkDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "clinicalgam-versus");
    /// <summary>Rows of the independent test CSV; defaults to min(rows, 100,000).</summary>
    public int? TestRows { get; init; }
    /// <summary>InterpretML n_jobs settings to run (empty: ours only). Defaults to -1 and -2.</summary>
    public int[] NJobs { get; init; } = [-1, -2];
    /// <summary>Kernel ns per row per pass (main, pair) from `kernels`, for the profile's predictions.</summary>
    public double[]? NanosecondsPerRow { get; init; }
    /// <summary>responsiveness: where the engine's loops run, "pool" (CLI, bench) or "web" (the web app's lower-priority threads).</summary>
    public string Threads { get; init; } = "pool";

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            o = args[i] switch
            {
                "--data" => o with { DataDirectory = Value() },
                "--results" => o with { ResultsDirectory = Value() },
                "--report" => o with { ReportPath = Value() },
                "--engines" => o with { Engines = Value().Split(',', StringSplitOptions.RemoveEmptyEntries) },
                "--datasets" => o with { Datasets = Value().Split(',', StringSplitOptions.RemoveEmptyEntries) },
                "--scale-engines" => o with { ScaleEngines = Value().Split(',', StringSplitOptions.RemoveEmptyEntries) },
                "--rows" => o with { Rows = Value().Split(',').Select(int.Parse).ToArray() },
                "--seed" => o with { Seed = int.Parse(Value()) },
                "--engine-seeds" => o with { EngineSeeds = Math.Max(1, int.Parse(Value())) },
                "--note" => o with { Note = Value() },
                "--fit-timeout" => o with { FitTimeoutSeconds = double.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture) },
                "--peers" => o with { PeersDirectory = Value() },
                "--python" => o with { Python = Value() },
                "--work" => o with { WorkDirectory = Value() },
                "--test-rows" => o with { TestRows = int.Parse(Value()) },
                "--n-jobs" => o with { NJobs = Value().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray() },
                "--threads" => o with { Threads = Value() is "pool" or "web" ? args[i] : throw new ArgumentException("--threads takes pool or web.") },
                "--ns" => o with { NanosecondsPerRow = Value().Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray() },
                _ => throw new ArgumentException($"Unknown option {args[i]}. {BenchCommand.Usage}"),
            };
        }
        return o;
    }
}
