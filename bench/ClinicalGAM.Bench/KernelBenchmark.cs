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
        log.WriteLine($"kernels: {rows:N0} rows, {bag.TrainIndex.Length:N0} training rows in the bag, one thread");

        foreach (int trial in new[] { 1, 2, 3, 4 })
        {
            var fixedRounds = ebm with { SmoothingRounds = 10, InteractionSmoothingRounds = 10, MaxRounds = 40, EarlyStoppingRounds = 0 };
            var runner = new BagRunner(features, bags, loss, fixedRounds, spec, tracker, CancellationToken.None);
            var clock = Stopwatch.StartNew();
            var mains = runner.BoostMains(0);
            long mainPasses = runner.Passes;
            double mainSeconds = clock.Elapsed.TotalSeconds;
            var pairs = runner.CandidatePairs().Take(20).ToArray();
            clock.Restart();
            runner.BoostPairs(0, mains, pairs);
            long pairPasses = runner.Passes - mainPasses;
            double pairSeconds = clock.Elapsed.TotalSeconds;
            double n = bag.TrainIndex.Length;
            if (trial == 4)
            {
                // Both cores, one bag each, as in a real fit: shows what memory traffic costs when the cores share it.
                var parallelRunner = new BagRunner(features, bags, loss, fixedRounds, spec, tracker, CancellationToken.None);
                clock.Restart();
                var both = new double[2][][];
                Parallel.For(0, 2, b => both[b] = parallelRunner.BoostMains(b));
                double parallelMain = clock.Elapsed.TotalSeconds;
                long parallelMainPasses = parallelRunner.Passes;
                clock.Restart();
                Parallel.For(0, 2, b => parallelRunner.BoostPairs(b, both[b], pairs));
                double parallelPair = clock.Elapsed.TotalSeconds;
                long parallelPairPasses = parallelRunner.Passes - parallelMainPasses;
                log.WriteLine($"two bags on two threads: mains {parallelMain * 2e9 / (parallelMainPasses * n):F2} ns/row-pass per thread; " +
                              $"pairs {parallelPair * 2e9 / (parallelPairPasses * n):F2} ns/row-pass per thread");
            }
            log.WriteLine($"trial {trial}: mains {mainSeconds:F2} s, {mainPasses} passes, {mainSeconds * 1e9 / (mainPasses * n):F2} ns/row-pass; " +
                          $"pairs {pairSeconds:F2} s, {pairPasses} passes, {pairSeconds * 1e9 / (pairPasses * n):F2} ns/row-pass");
        }
    }
}
