using ClinicalGAM.Core.Modeling.Ebm;

namespace ClinicalGAM.Core.Tests.Modeling.Ebm;

/// <summary>
/// The kernel paths (AVX-512, AVX2, SSE4/NEON widths and row by row) agree with each other, whichever the CPU picks:
/// each width is called directly, so all of them are checked on every machine. Stated tolerance across paths: per-row
/// gradients, hessians and losses within 2e-6 relative (each path is within 1e-6 of double); score steps bit-identical.
/// </summary>
public class VectorWidthTests
{
    private const double AcrossPaths = 2e-6;

    [Fact]
    public void The_width_chosen_at_start_is_one_the_kernels_have()
    {
        Assert.Contains(VectorMath.Width, VectorMath.AllWidths);
        Assert.Equal(VectorMath.Width != 0, VectorMath.IsSupported);
    }

    [Fact]
    public void Gradient_pairs_and_losses_agree_across_every_width_within_the_stated_tolerance()
    {
        const int n = 10_007;
        var rng = new Random(3);
        var score = Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 40 - 20)).ToArray();
        var y = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.3 ? 1f : 0f).ToArray();
        var w = Enumerable.Range(0, n).Select(_ => (float)(0.25 + rng.NextDouble())).ToArray();
        var bits = LogisticKernel.PackLabels(y);

        var scalarPairs = new float[2 * n];
        var scalarLoss = new float[n];
        LogisticKernel.GradientPairs(score, bits, 0, w, scalarPairs, width: 0);
        LogisticKernel.RowLosses(score, y, scalarLoss, width: 0);
        foreach (int width in new[] { 512, 256, 128 })
        {
            var pairs = new float[2 * n];
            var loss = new float[n];
            LogisticKernel.GradientPairs(score, bits, 0, w, pairs, width);
            LogisticKernel.RowLosses(score, y, loss, width);
            for (int i = 0; i < 2 * n; i++)
                Assert.True(Math.Abs(pairs[i] - scalarPairs[i]) <= AcrossPaths * Math.Abs(scalarPairs[i]),
                    $"width {width}, value {i}: {pairs[i]} vs row-by-row {scalarPairs[i]}");
            for (int i = 0; i < n; i++)
                Assert.True(Math.Abs(loss[i] - scalarLoss[i]) <= AcrossPaths * Math.Max(1, Math.Abs(scalarLoss[i])),
                    $"width {width}, loss {i}: {loss[i]} vs row-by-row {scalarLoss[i]}");
        }
    }

    [Fact]
    public void Score_steps_read_the_largest_cell_codes_exactly_at_every_width()
    {
        // Codes up to 2^16 - 1 (a 256 x 256 pair): compared as floats, they must stay exact at every width.
        const int d0 = 256, d1 = 255, rows = 4_000;
        var rng = new Random(9);
        var update = new float[d0 * d1];
        for (int b0 = 0; b0 < d0; b0++)
        for (int b1 = 0; b1 < d1; b1++)
            update[b0 * d1 + b1] = b0 <= 200 ? (b1 <= 253 ? 0.1f : -0.2f) : (b1 <= 0 ? 0.3f : -0.4f);
        var codes = Enumerable.Range(0, rows).Select(i => (ushort)(i % 2 == 0 ? d0 * d1 - 1 - rng.Next(600) : rng.Next(d0 * d1))).ToArray();
        var expected = new float[rows];
        for (int i = 0; i < rows; i++) expected[i] += update[codes[i]];
        var step = new ScoreStep();
        step.Set(update, [d0, d1]);
        Assert.True(step.ComparesCells);
        foreach (int width in VectorMath.AllWidths)
        {
            var actual = new float[rows];
            step.AddTo(actual, codes, width);
            Assert.Equal(expected, actual);
        }
    }
}
