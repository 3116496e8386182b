using System.Diagnostics;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Ebm;

namespace ClinicalGAM.Bench;

/// <summary>
/// The boosting hot loop alone: one bag of the synthetic cohort, one thread, a fixed number of rounds (no early
/// stopping) for the main effects and for 20 pairs. Reports nanoseconds per row per boosting pass (a pass = one term
/// histogram, fused with the previous step's score update and the gradients), the figure that sets the 1M-row fit time.
/// Printed only, not stored: it is for comparing kernel changes on the same machine.
/// </summary>
internal static class KernelBenchmark
{
    public static void Run(BenchOptions options, TextWriter log)
    {
        int rows = options.Rows.Max();
        var cohort = SyntheticCohort.Generate(rows, options.Seed);
        var spec = new ModelSpecification { Outcome = SyntheticCohort.Outcome, Features = cohort.Features };
        var ebm = new EbmOptions();
        var all = Enumerable.Range(0, rows).ToArray();
        var features = EbmFeatures.Bin(cohort.Table, spec, all, ebm, CancellationToken.None);
        var labels = OutcomeLabels.Extract(cohort.Table, spec.Outcome, spec.Objective, all);
        var loss = LossFunction.For(spec.Objective);
        var bags = new[]
        {
            BagSample.Create(0, spec.Seed, labels, [], ebm.ValidationSize, stratify: true, loss),
            BagSample.Create(1, spec.Seed, labels, [], ebm.ValidationSize, stratify: true, loss),
        };
        var bag = bags[0];
        var tracker = new FitProgressTracker(null, 2);
        log.WriteLine($"kernels: {rows:N0} rows, {bag.TrainIndex.Length:N0} training rows in the bag, vector width {(VectorMath.Width == 0 ? "none (row by row)" : $"{VectorMath.Width} bits")}");

        var fixedRounds = ebm with { SmoothingRounds = 10, InteractionSmoothingRounds = 10, MaxRounds = 40, EarlyStoppingRounds = 0 };
        var pairs = new BagRunner(features, bags, loss, fixedRounds, spec, tracker, CancellationToken.None)
            .CandidatePairs().Take(20).ToArray();
        double n = bag.TrainIndex.Length;
        // Trial 1 includes JIT warm-up; later trials show the machine's noise.
        for (int trial = 1; trial <= 4; trial++)
        {
            var (mainSeconds, mainPasses, pairSeconds, pairPasses, mainCpu, pairCpu) = Measure(features, bags, loss, fixedRounds, spec, tracker, pairs, parallelBags: 1);
            // CPU time beside wall time: on a machine shared with other jobs the wall figure includes waiting for a core.
            log.WriteLine($"trial {trial}: mains {mainSeconds:F2} s, {mainPasses} passes, {mainSeconds * 1e9 / (mainPasses * n):F2} ns/row-pass " +
                          $"(CPU {mainCpu * 1e9 / (mainPasses * n):F2}); " +
                          $"pairs {pairSeconds:F2} s, {pairPasses} passes, {pairSeconds * 1e9 / (pairPasses * n):F2} ns/row-pass " +
                          $"(CPU {pairCpu * 1e9 / (pairPasses * n):F2})");
        }
        // Both cores, one bag each, as in a real fit: shows what memory traffic costs when the cores share it.
        var (m, mp, p, pp, _, _) = Measure(features, bags, loss, fixedRounds, spec, tracker, pairs, parallelBags: 2);
        log.WriteLine($"two bags on two threads: mains {m * 2e9 / (mp * n):F2} ns/row-pass per thread; " +
                      $"pairs {p * 2e9 / (pp * n):F2} ns/row-pass per thread");
    }

    /// <summary>Boosts the mains, then the pairs, of the first <paramref name="parallelBags"/> bags in parallel.</summary>
    private static (double MainSeconds, long MainPasses, double PairSeconds, long PairPasses, double MainCpuSeconds, double PairCpuSeconds) Measure(EbmFeatures features,
        BagSample[] bags, LossFunction loss, EbmOptions options, ModelSpecification spec, FitProgressTracker tracker,
        (int, int)[] pairs, int parallelBags)
    {
        var runner = new BagRunner(features, bags, loss, options, spec, tracker, CancellationToken.None);
        var mains = new double[parallelBags][][];
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, parallelBags, b => mains[b] = runner.BoostMains(b));
        double mainSeconds = clock.Elapsed.TotalSeconds;
        long mainPasses = runner.Passes;
        process.Refresh();
        var cpu1 = process.TotalProcessorTime;
        clock.Restart();
        Parallel.For(0, parallelBags, b => runner.BoostPairs(b, mains[b], pairs));
        double pairSeconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu2 = process.TotalProcessorTime;
        return (mainSeconds, mainPasses, pairSeconds, runner.Passes - mainPasses,
            (cpu1 - cpu0).TotalSeconds, (cpu2 - cpu1).TotalSeconds);
    }
}
