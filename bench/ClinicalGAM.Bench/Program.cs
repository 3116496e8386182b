using ClinicalGAM.Bench;

// ClinicalGAM benchmark runner. Usage (from the repository root):
//   dotnet run -c Release --project bench/ClinicalGAM.Bench -- datasets|scale|all|kernels|report [options]
// Options: --data DIR (default bench/data), --engines ebm,mlnet-gam,fasttree, --rows 100000,1000000,
//          --results DIR (default bench/results), --report FILE (default docs/benchmarks.md), --seed N,
//          --note TEXT (conditions of the run, shown in the report).
// Each part saves its results as JSON under --results; the report is rebuilt from every saved result.
return BenchCommand.Run(args, Console.Out);
