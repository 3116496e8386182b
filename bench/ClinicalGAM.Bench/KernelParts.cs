using System.Diagnostics;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Ebm;

namespace ClinicalGAM.Bench;

/// <summary>
/// The parts of one boosting step timed alone on synthetic arrays (one thread): gradients, histogram scatter (one and
/// four copies), score update, pair cut search, validation loss. Shows which part a kernel change should target;
/// printed only.
/// </summary>
internal static class KernelParts
{
    public static void Run(BenchOptions options, TextWriter log)
    {
        int rows = (int)(options.Rows.Max() * 0.85);
        int validationRows = (int)(options.Rows.Max() * 0.15);
        var rng = new Random(options.Seed);
        var score = Enumerable.Range(0, rows).Select(_ => (float)(rng.NextDouble() * 4 - 4)).ToArray();
        var labels = Enumerable.Range(0, rows).Select(_ => rng.NextDouble() < 0.08 ? 1f : 0f).ToArray();
        var mainCells = Enumerable.Range(0, rows).Select(_ => (ushort)rng.Next(1025)).ToArray();
        var pairCells = Enumerable.Range(0, rows).Select(_ => (ushort)(rng.Next(65) * 65 + rng.Next(65))).ToArray();
        var gh = new float[2 * rows];
        var gradients = LossFunction.For(Objective.LogLoss).Bind(labels, []);
        var histogram = new GradientHistogram(65 * 65);
        log.WriteLine($"kernel parts: {rows:N0} training rows, {validationRows:N0} validation rows, vector width {VectorMath.Width} bits");

        var state = score.ToArray();
        gradients.ToRowState(state); // e^-score for log loss
        var labelBits = LogisticKernel.PackLabels(labels);
        Time(log, "gradients from the score (exp per row)", rows, () => LogisticKernel.GradientPairs(score, labelBits, 0, [], gh));
        Time(log, "gradients from e^-score (boosting's)", rows, () => gradients.Pairs(0, state, gh));
        foreach (var (name, cells, count) in new[] { ("main 1,025 cells", mainCells, 1025), ("pair 4,225 cells", pairCells, 65 * 65) })
        {
            foreach (bool copies in new[] { false, true })
            {
                var g = new double[count]; var h = new double[count];
                Time(log, $"histogram {name}, {(copies ? "4 copies" : "1 copy")}", rows, () =>
                {
                    histogram.Clear(count, copies ? HistogramLayout.FourCopies : HistogramLayout.OneCopy);
                    histogram.Add(cells, gh);
                    histogram.CopyTo(g, h);
                });
            }
        }
        // A yes/no flag with its missing bin (three cells): a four-copy scatter against comparing codes.
        var flagCells = Enumerable.Range(0, rows).Select(_ => (ushort)(rng.NextDouble() < 0.05 ? 0 : rng.NextDouble() < 0.3 ? 2 : 1)).ToArray();
        foreach (var layout in new[] { HistogramLayout.FourCopies, HistogramLayout.CompareCells })
        {
            var g = new double[3]; var h = new double[3];
            Time(log, $"histogram yes/no flag, {layout}", rows, () =>
            {
                histogram.Clear(3, layout);
                histogram.Add(flagCells, gh);
                histogram.CopyTo(g, h);
            });
        }
        var step = new ScoreStep();
        var table = new float[1025];
        for (int c = 0; c < table.Length; c++) table[c] = c == 0 ? 0.01f : c <= 400 ? -0.002f : 0.003f;
        step.Set(table, [1025]);
        Time(log, "score update, one cut", rows, () => step.AddTo(score, mainCells));
        var factors = step.AsFactors(new float[table.Length]);
        var stepState = state.ToArray();
        Time(log, "e^-score update, one cut (boosting's)", rows, () => factors.AddTo(stepState, mainCells));
        // The whole pass as boosting runs it: the last step, gradients and this term's histogram, a 2,048-row chunk at a time.
        var chunkPairs = new float[2 * 2048];
        var fg = new double[1025]; var fh = new double[1025];
        Time(log, "fused pass: step, gradients, histogram", rows, () =>
        {
            histogram.Clear(1025, HistogramLayout.OneCopy);
            for (int start = 0; start < rows; start += 2048)
            {
                int len = Math.Min(2048, rows - start);
                factors.AddTo(stepState.AsSpan(start, len), mainCells.AsSpan(start, len));
                gradients.Pairs(start, stepState.AsSpan(start, len), chunkPairs);
                histogram.Add(mainCells.AsSpan(start, len), chunkPairs);
            }
            histogram.CopyTo(fg, fh);
        });

        // A realistic pair histogram: sums from the gradients above.
        var pg = new double[65 * 65]; var ph = new double[65 * 65]; var pn = new int[65 * 65];
        histogram.Clear(65 * 65, HistogramLayout.OneCopy); histogram.Add(pairCells, gh); histogram.CopyTo(pg, ph);
        foreach (ushort c in pairCells) pn[c]++;
        var term = new BoostTerm { Shape = TermShape.Pair, Dims = [65, 65], TrainCells = pairCells, ValidationCells = [] };
        var finder = new TermUpdate(0.015, 4, 1e-4, 10, 65 * 65, 65);
        var update = new double[65 * 65];
        var random = new SplitMixRandom(1, 1);
        Time(log, "pair cut search (65 x 65)", rows, () => finder.Compute(term, pg, ph, pn, false, random, update, out _));
        var tree = new PairTreeSearch(4, 1e-4, 65 * 65, 65);
        Time(log, "  of which the tree search", rows, () => tree.Find(65, 65, pg, ph, pn));
        var mg = new double[1025]; var mh = new double[1025]; var mn = new int[1025];
        histogram.Clear(1025, HistogramLayout.OneCopy); histogram.Add(mainCells, gh); histogram.CopyTo(mg, mh);
        foreach (ushort c in mainCells) mn[c]++;
        var mainTerm = new BoostTerm { Shape = TermShape.Ordered, Dims = [1025], TrainCells = mainCells, ValidationCells = [] };
        Time(log, "main cut search (1,025 bins)", rows, () => finder.Compute(mainTerm, mg, mh, mn, false, random, update, out _));

        var vscore = score.AsSpan(0, validationRows).ToArray();
        var vlabels = labels.AsSpan(0, validationRows).ToArray();
        var loss = LossFunction.For(Objective.LogLoss);
        Time(log, "validation loss from the score", rows, () => loss.LossSum(vscore, vlabels, []));
        var vodds = vscore.Select(v => MathF.Exp(-v)).ToArray();
        Time(log, "validation loss from e^-score (boosting's)", rows, () => LogisticKernel.LossSumFromNegativeOdds(vodds, vlabels, []));
    }

    private static void Time(TextWriter log, string what, int rows, Action action)
    {
        // Warm-up in two rounds with a pause between: the runtime promotes a method to its final (tier-1) code only
        // after 30 calls past a quiet spell; timed before that, loops ran on-stack-replaced code (the pair tree
        // search 60-70 µs instead of its tier-1 figure).
        for (int i = 0; i < 50; i++) action();
        Thread.Sleep(300);
        for (int i = 0; i < 50; i++) action();
        Thread.Sleep(300);
        int reps = 400;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < reps; i++) action();
        double us = clock.Elapsed.TotalMilliseconds * 1000 / reps;
        log.WriteLine($"  {what,-40} {us,8:F1} µs per step   {us * 1000 / rows,6:F2} ns per training row");
    }
}
