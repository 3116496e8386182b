using System.Globalization;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Bench;

/// <summary>One stage of a profiled fit: measured wall seconds, the passes it made, and the kernels' prediction.</summary>
internal sealed record StageRow(string Stage, double Seconds, long Passes, long RowsPerPass, double PredictedSeconds);

internal sealed record StageProfileResult(int Rows, string VectorPath, double FitSeconds, double[]? KernelNs, int Threads,
    int[] MainRounds, int[] PairRounds, List<StageRow> Stages);

/// <summary>
/// Where a default fit's time goes: the synthetic cohort (80/20 split, as `scale`) fitted at defaults, with the
/// engine's own stage timings (FitDiagnostics) and pass counts. Beside each boosting stage, what the kernels
/// benchmark predicts: passes × rows per pass × ns per row-pass ÷ threads (bags run one per core). The ns figures come
/// from `-- kernels` (use its "two bags on two threads" per-thread figures) via --ns MAIN,PAIR; without them the
/// prediction column stays empty. FAST ranking is predicted with the pair figure (one histogram per candidate pair).
/// </summary>
internal static class StageProfile
{
    public static List<StageProfileResult> Run(BenchOptions options, TextWriter log)
    {
        log.WriteLine($"CPU: {MachineInfo.Cpu()}");
        log.WriteLine($"Runtime: {MachineInfo.Runtime()}");
        var results = new List<StageProfileResult>();
        foreach (int rows in options.Rows.Order())
        {
            var cohort = SyntheticCohort.Generate(rows, options.Seed);
            var labels = OutcomeValidator.RequireBinary(cohort.Table, SyntheticCohort.Outcome);
            var split = CohortSplit.Stratified(labels, 0.2, options.Seed);
            var (scorer, seconds) = Engines.FitTimed("ebm", cohort.Table, SyntheticCohort.Outcome, cohort.Features, split.Train, options.Seed);
            var d = scorer.Info.Diagnostics ?? throw new InvalidOperationException("The ebm engine reported no diagnostics.");
            int threads = Math.Min(Environment.ProcessorCount, d.MainRounds.Length);
            double? mainNs = options.NanosecondsPerRow is { Length: > 0 } ns ? ns[0] : null;
            double? pairNs = options.NanosecondsPerRow is { Length: > 1 } ns2 ? ns2[1] : mainNs;
            double Predict(long passes, long rowsPerPass, double? nsPerRow) =>
                nsPerRow is { } v ? passes * (double)rowsPerPass * v * 1e-9 / threads : double.NaN;
            var t = d.Timings;
            var stages = new List<StageRow>
            {
                new("binning", t.BinningSeconds, 0, 0, double.NaN),
                new("main-effect rounds", t.MainEffectsSeconds, d.MainPasses, d.BagTrainingRows, Predict(d.MainPasses, d.BagTrainingRows, mainNs)),
                new("pair screening (FAST ranking)", t.PairRankingSeconds, d.RankedPairs, d.RankingRowsPerBag, Predict(d.RankedPairs, d.RankingRowsPerBag, pairNs)),
                new("pair rounds", t.PairsSeconds, d.PairPasses, d.BagTrainingRows, Predict(d.PairPasses, d.BagTrainingRows, pairNs)),
                new("purification and bag merge", t.PurificationAndMergeSeconds, 0, 0, double.NaN),
            };
            var result = new StageProfileResult(rows, MachineInfo.VectorPath(), seconds, options.NanosecondsPerRow, threads,
                d.MainRounds, d.PairRounds, stages);
            Print(log, result);
            results.Add(result);
        }
        return results;
    }

    public static void Print(TextWriter log, StageProfileResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        log.WriteLine($"{r.Rows:N0} rows, {r.VectorPath}, fit {r.FitSeconds:F1} s; rounds per bag: mains {Range(r.MainRounds)}, pairs {Range(r.PairRounds)}");
        log.WriteLine($"{"stage",-32} {"our s",8} {"passes",10} {"rows/pass",10} {"kernel-predicted s",19}");
        foreach (var s in r.Stages)
            log.WriteLine($"{s.Stage,-32} {s.Seconds,8:F1} {(s.Passes == 0 ? "" : s.Passes.ToString("N0", inv)),10} " +
                          $"{(s.RowsPerPass == 0 ? "" : s.RowsPerPass.ToString("N0", inv)),10} {(double.IsNaN(s.PredictedSeconds) ? "" : s.PredictedSeconds.ToString("F1", inv)),19}");
    }

    internal static string Range(int[] rounds) => rounds.Length == 0 ? "none" : $"{rounds.Min()}-{rounds.Max()}";
}
