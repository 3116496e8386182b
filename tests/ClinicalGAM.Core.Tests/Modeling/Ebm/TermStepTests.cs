using ClinicalGAM.Core.Modeling.Ebm;

namespace ClinicalGAM.Core.Tests.Modeling.Ebm;

/// <summary>
/// One boosting step of a term, as InterpretML 0.7 takes it: the greedy pair step is its pair tree (a cut on one axis,
/// then a cut on the other axis within one side only: three leaves), and a main effect's missing bin gets its own
/// update without counting towards the gain that ranks terms for the next greedy step.
/// </summary>
public class TermStepTests
{
    private const double LearningRate = 0.1;
    private const int MinLeaf = 4;

    [Fact]
    public void A_greedy_pair_step_has_three_leaves_even_when_both_sides_would_gain_from_a_cut()
    {
        // Residuals that change sign along axis 1 at a different place on each side of axis 0's midpoint: a four-leaf
        // step would cut both sides; the three-leaf step cuts one side only.
        int d0 = 6, d1 = 6;
        var (g, h, n) = Histogram(d0, d1, (a, b) => a < 3 ? (b < 2 ? 0.6 : -0.6) : (b < 4 ? -0.5 : 0.5));
        var update = Step(d0, d1, g, h, n, out _);
        Assert.Equal(3, update.Distinct().Count());
    }

    [Fact]
    public void A_greedy_pair_step_is_the_best_three_leaf_tree()
    {
        var rng = new Random(11);
        for (int trial = 0; trial < 100; trial++)
        {
            // Small tables, and tables wide enough for several vectors of cuts plus a remainder on every vector width.
            int largest = trial < 60 ? 7 : 20;
            int d0 = rng.Next(2, largest), d1 = rng.Next(2, largest);
            var (g, h, n) = Histogram(d0, d1, (_, _) => rng.NextDouble() * 2 - 1, rng);
            var update = Step(d0, d1, g, h, n, out double gain);
            var (bestGain, bestUpdate) = BruteForce(d0, d1, g, h, n);
            if (bestUpdate is null)
            {
                Assert.Equal(0, gain);
                continue;
            }
            Assert.Equal(bestGain, gain, 9);
            // Cells without rows take whichever leaf an equivalent cut puts them in; only cells with rows are pinned.
            for (int c = 0; c < update.Length; c++)
                if (n[c] > 0) Assert.True(Math.Abs(bestUpdate[c] - update[c]) < 1e-9, $"trial {trial} cell {c} n {n[c]}: {bestUpdate[c]} vs {update[c]} ({d0}x{d1})");
        }
    }

    [Fact]
    public void The_gain_of_a_main_step_leaves_out_its_missing_bin()
    {
        // Bin 0 = missing, with a strong gradient of its own; bins 1-4 carry a weak step between 2 and 3.
        double[] g = [5.0, 1.0, 1.0, -1.0, -1.0];
        double[] h = [2.5, 2.5, 2.5, 2.5, 2.5];
        int[] n = [10, 10, 10, 10, 10];
        var finder = new TermUpdate(LearningRate, MinLeaf, 1e-4, 10, 5, 5);
        var term = new BoostTerm { Shape = TermShape.Ordered, Dims = [5], TrainCells = [], ValidationCells = [] };
        var update = new double[5];
        double gain = finder.Compute(term, g, h, n, random: false, new SplitMixRandom(1, 1), update, out _);

        // Cut between bins 2 and 3: (2^2/5 + 2^2/5) - 0^2/10; the missing bin's 5^2/2.5 is not in it.
        Assert.Equal(1.6, gain, 12);
        Assert.Equal(-LearningRate * 5.0 / 2.5, update[0], 12);
        Assert.Equal(-LearningRate * 2.0 / 5.0, update[1], 12);
        Assert.Equal(LearningRate * 2.0 / 5.0, update[4], 12);
    }

    private static double[] Step(int d0, int d1, double[] g, double[] h, int[] n, out double gain)
    {
        var finder = new TermUpdate(LearningRate, MinLeaf, 1e-4, 10, d0 * d1, Math.Max(d0, d1));
        var term = new BoostTerm { Shape = TermShape.Pair, Dims = [d0, d1], TrainCells = [], ValidationCells = [] };
        var update = new double[d0 * d1];
        gain = finder.Compute(term, g, h, n, random: false, new SplitMixRandom(1, 1), update, out _);
        return update;
    }

    private static (double[] G, double[] H, int[] N) Histogram(int d0, int d1, Func<int, int, double> residual, Random? rng = null)
    {
        var g = new double[d0 * d1]; var h = new double[d0 * d1]; var n = new int[d0 * d1];
        for (int a = 0; a < d0; a++)
            for (int b = 0; b < d1; b++)
            {
                int rows = rng is null ? 10 : rng.Next(0, 12);
                n[a * d1 + b] = rows;
                h[a * d1 + b] = 0.25 * rows;
                g[a * d1 + b] = residual(a, b) * rows * 0.25;
            }
        return (g, h, n);
    }

    /// <summary>Every three-leaf tree (either axis first, either side cut second), scored independently.</summary>
    private static (double Gain, double[]? Update) BruteForce(int d0, int d1, double[] g, double[] h, int[] n)
    {
        double S(double gs, double hs) => hs > 0 ? gs * gs / hs : 0;
        double gt = g.Sum(), ht = h.Sum();
        double best = double.NegativeInfinity; double[]? bestUpdate = null;
        for (int axis = 0; axis < 2; axis++)
        {
            int dp = axis == 0 ? d0 : d1, ds = axis == 0 ? d1 : d0;
            int Cell(int p, int s) => axis == 0 ? p * d1 + s : s * d1 + p;
            for (int cut = 0; cut < dp - 1; cut++)
            for (int side = 0; side < 2; side++)
            for (int cut2 = 0; cut2 < ds - 1; cut2++)
            {
                var leafOf = new int[d0 * d1];
                var lg = new double[3]; var lh = new double[3]; var ln = new int[3];
                for (int p = 0; p < dp; p++)
                    for (int s = 0; s < ds; s++)
                    {
                        bool low = p <= cut;
                        int leaf = (low ? 0 : 1) == side ? (s <= cut2 ? 0 : 1) : 2;
                        int c = Cell(p, s);
                        leafOf[c] = leaf; lg[leaf] += g[c]; lh[leaf] += h[c]; ln[leaf] += n[c];
                    }
                if (Enumerable.Range(0, 3).Any(l => ln[l] < MinLeaf || lh[l] < 1e-4)) continue;
                double gain = S(lg[0], lh[0]) + S(lg[1], lh[1]) + S(lg[2], lh[2]) - S(gt, ht);
                if (gain <= best + 1e-12) continue;
                best = gain;
                bestUpdate = leafOf.Select(l => -LearningRate * lg[l] / lh[l]).ToArray();
            }
        }
        return (best, bestUpdate);
    }
}
