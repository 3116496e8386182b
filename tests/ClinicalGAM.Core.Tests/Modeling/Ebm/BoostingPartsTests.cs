using ClinicalGAM.Core.Modeling.Ebm;
using CsCheck;

namespace ClinicalGAM.Core.Tests.Modeling.Ebm;

public class BoostingPartsTests
{
    [Fact]
    public void Purification_keeps_every_cell_prediction_and_leaves_zero_weighted_margins()
    {
        Gen.Select(Gen.Int[1, 6], Gen.Int[1, 6], Gen.Int[0, 1000]).Sample((d0, d1, seed) =>
        {
            var rng = new Random(seed);
            var surface = Enumerable.Range(0, d0 * d1).Select(_ => rng.NextDouble() * 4 - 2).ToArray();
            var weights = Enumerable.Range(0, d0 * d1).Select(_ => rng.NextDouble() < 0.2 ? 0 : rng.Next(1, 50)).Select(w => (double)w).ToArray();
            var original = surface.ToArray();
            var (rows, cols) = PairPurification.Purify(surface, weights, d0, d1, 1000, 1e-13);
            for (int a = 0; a < d0; a++)
                for (int b = 0; b < d1; b++)
                    Assert.Equal(original[a * d1 + b], surface[a * d1 + b] + rows[a] + cols[b], 9);
            for (int a = 0; a < d0; a++)
            {
                double w = 0, s = 0;
                for (int b = 0; b < d1; b++) { w += weights[a * d1 + b]; s += weights[a * d1 + b] * surface[a * d1 + b]; }
                if (w > 0) Assert.True(Math.Abs(s / w) < 1e-8);
            }
        }, iter: 200);
    }

    [Fact]
    public void Early_stopping_waits_a_full_window_without_improvement()
    {
        var stopper = new EarlyStopping(window: 5, tolerance: 1e-5);
        // Improving steadily: never stops.
        for (int i = 0; i < 50; i++) Assert.False(stopper.ShouldStop(1.0 - i * 0.01));
        // Flat from here: stops once the whole window is no better than before it.
        int stoppedAfter = -1;
        for (int i = 0; i < 20 && stoppedAfter < 0; i++) if (stopper.ShouldStop(0.6)) stoppedAfter = i;
        Assert.InRange(stoppedAfter, 4, 6);
    }

    [Fact]
    public void Fast_finds_a_planted_interaction()
    {
        var rng = new Random(3);
        int n = 4000;
        var a = new ushort[n]; var b = new ushort[n]; var c = new ushort[n];
        var g = new double[n]; var h = new double[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = (ushort)rng.Next(1, 9); b[i] = (ushort)rng.Next(1, 9); c[i] = (ushort)rng.Next(1, 9);
            // Residual depends on a XOR-like product of a and b, not on c.
            double signal = (a[i] > 4) == (b[i] > 4) ? 0.5 : -0.5;
            g[i] = signal + rng.NextDouble() - 0.5;
            h[i] = 0.25;
        }
        var fast = new InteractionRanking(81, 4, 1e-4);
        double ab = fast.Strength(a, 9, b, 9, g, h);
        double ac = fast.Strength(a, 9, c, 9, g, h);
        Assert.True(ab > 5 * ac, $"ab {ab} ac {ac}");
        Assert.Equal([1, 0], InteractionRanking.Ranks([ac, ab]));
    }
}
