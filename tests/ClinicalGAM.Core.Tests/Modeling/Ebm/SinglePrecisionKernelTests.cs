using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Ebm;
using CsCheck;

namespace ClinicalGAM.Core.Tests.Modeling.Ebm;

/// <summary>The single-precision row kernels of boosting agree with plain double arithmetic.</summary>
public class SinglePrecisionKernelTests
{
    [Fact]
    public void Histogram_sums_each_cell_like_a_naive_double_loop_and_restarts_clean()
    {
        // Every layout (the compared one only up to its four cells) at every width: exact to 1e-9 for the scatters,
        // to the float partial sums' 1e-6 relative for the compared layout.
        Gen.Select(Gen.Int[1, 300], Gen.Int[0, 5000], Gen.Int[0, 100_000], Gen.Int[0, 2]).Sample((cells, rows, seed, layoutCode) =>
        {
            var layout = (HistogramLayout)layoutCode;
            if (layout == HistogramLayout.CompareCells) cells = 1 + cells % GradientHistogram.MaxComparedCells;
            var rng = new Random(seed);
            var codes = Enumerable.Range(0, rows).Select(_ => (ushort)rng.Next(cells)).ToArray();
            var g = Enumerable.Range(0, rows).Select(_ => (float)(rng.NextDouble() - 0.3)).ToArray();
            var h = Enumerable.Range(0, rows).Select(_ => (float)rng.NextDouble()).ToArray();
            var expectedG = new double[cells];
            var expectedH = new double[cells];
            double absG = 0, absH = 0;
            for (int i = 0; i < rows; i++) { expectedG[codes[i]] += g[i]; expectedH[codes[i]] += h[i]; absG += Math.Abs(g[i]); absH += h[i]; }
            var pairs = new float[2 * rows];
            LossFunction.Interleave(g, h, pairs);

            foreach (int width in VectorMath.AllWidths)
            {
                var histogram = new GradientHistogram(300);
                histogram.Clear(cells, layout);
                histogram.Add(codes, Enumerable.Repeat(1f, 2 * rows).ToArray(), width);
                histogram.Clear(cells, layout); // a new step must not see the previous one
                // Two calls split at an odd row: a vector's worth of rows must not be lost at either end.
                int split = rows / 2 | 1;
                if (split > rows) split = rows;
                histogram.Add(codes.AsSpan(0, split), pairs.AsSpan(0, 2 * split), width);
                histogram.Add(codes.AsSpan(split), pairs.AsSpan(2 * split), width);
                var actualG = new double[cells];
                var actualH = new double[cells];
                histogram.CopyTo(actualG, actualH);
                for (int c = 0; c < cells; c++)
                {
                    if (layout == HistogramLayout.CompareCells)
                    {
                        Assert.True(Math.Abs(expectedG[c] - actualG[c]) <= 1e-6 * absG + 1e-9, $"width {width}, cell {c}: g {actualG[c]} vs {expectedG[c]}");
                        Assert.True(Math.Abs(expectedH[c] - actualH[c]) <= 1e-6 * absH + 1e-9, $"width {width}, cell {c}: h {actualH[c]} vs {expectedH[c]}");
                    }
                    else
                    {
                        Assert.Equal(expectedG[c], actualG[c], 9);
                        Assert.Equal(expectedH[c], actualH[c], 9);
                    }
                }
            }
        });
    }

    [Fact]
    public void Terms_of_at_most_four_cells_are_summed_by_comparing_codes_others_by_scatter()
    {
        // Comparing needs vectors; without them (DOTNET_EnableHWIntrinsic=0 in test.sh) small terms take the scatter.
        var small = VectorMath.IsSupported ? HistogramLayout.CompareCells : HistogramLayout.FourCopies;
        Assert.Equal(small, GradientHistogram.LayoutFor([40_000, 30_000, 15_000]));
        Assert.Equal(small, GradientHistogram.LayoutFor([10, 20, 30, 40]));
        Assert.Equal(HistogramLayout.FourCopies, GradientHistogram.LayoutFor([40_000, 30_000, 10_000, 4_000, 1_000]));
        Assert.Equal(HistogramLayout.OneCopy, GradientHistogram.LayoutFor(Enumerable.Repeat(83, 1025).ToArray()));
    }

    [Fact]
    public void Histogram_copies_are_used_where_consecutive_rows_often_share_a_cell()
    {
        // 1,025 quantile bins of 85,000 rows: two rows share a cell about once in 1,000 pairs.
        var quantileBins = Enumerable.Repeat(83, 1025).ToArray();
        Assert.False(GradientHistogram.UsesCopies(quantileBins));
        // A binary feature, or a main bin holding half the rows: collisions every other row.
        Assert.True(GradientHistogram.UsesCopies([40_000, 45_000]));
        var skewed = Enumerable.Repeat(40, 1025).ToArray();
        skewed[0] = 50_000;
        Assert.True(GradientHistogram.UsesCopies(skewed));
        // Too few rows per cell for four copies to pay for their clearing, however skewed.
        Assert.False(GradientHistogram.UsesCopies([30, 1, 1, 1]));
    }

    [Fact]
    public void Histogram_refuses_more_cells_than_it_was_sized_for()
    {
        var histogram = new GradientHistogram(4);
        Assert.Throws<ArgumentOutOfRangeException>(() => histogram.Clear(5, HistogramLayout.FourCopies));
        // The compared layout has four accumulators.
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientHistogram(10).Clear(5, HistogramLayout.CompareCells));
    }

    [Theory]
    [InlineData(Objective.LogLoss)]
    [InlineData(Objective.Rmse)]
    [InlineData(Objective.Poisson)]
    public void Loss_on_a_million_float_rows_matches_the_double_formula_to_early_stopping_precision(Objective objective)
    {
        // Early stopping compares losses with a 1e-5 relative tolerance: the float kernel must be well inside that.
        const int n = 1_000_000;
        var rng = new Random(7);
        var score = new float[n];
        var y = new float[n];
        var w = new float[n];
        for (int i = 0; i < n; i++)
        {
            score[i] = (float)(rng.NextDouble() * 4 - 3);
            y[i] = objective switch
            {
                Objective.LogLoss => rng.NextDouble() < 0.1 ? 1 : 0,
                Objective.Poisson => rng.Next(4),
                _ => (float)(rng.NextDouble() * 6 - 3),
            };
            w[i] = (float)(0.5 + rng.NextDouble());
        }
        double expected = 0, expectedWeighted = 0;
        for (int i = 0; i < n; i++)
        {
            double s = score[i], l = objective switch
            {
                Objective.LogLoss => Math.Log(1 + Math.Exp(s)) - y[i] * s,
                Objective.Poisson => Math.Exp(s) - y[i] * s,
                _ => (s - y[i]) * (s - y[i]),
            };
            expected += l;
            expectedWeighted += w[i] * l;
        }
        var loss = LossFunction.For(objective);
        Assert.Equal(1.0, loss.LossSum(score, y, ReadOnlySpan<float>.Empty) / expected, 6);
        Assert.Equal(1.0, loss.LossSum(score, y, w) / expectedWeighted, 6);
    }

    [Fact]
    public void Logistic_gradients_are_p_minus_y_and_p_times_one_minus_p_times_weight()
    {
        var score = new float[] { -30f, -2f, 0f, 1.5f, 30f };
        var y = new float[] { 0, 1, 0, 1, 1 };
        var w = new float[] { 1, 2, 0.5f, 1, 3 };
        var g = new float[5];
        var h = new float[5];
        LossFunction.For(Objective.LogLoss).Gradients(score, y, w, g, h);
        for (int i = 0; i < 5; i++)
        {
            double p = 1 / (1 + Math.Exp(-score[i]));
            Assert.Equal(w[i] * (p - y[i]), g[i], 5);
            Assert.Equal(w[i] * p * (1 - p), h[i], 5);
        }
    }

    public static TheoryData<bool, int> WeightedAndWidths()
    {
        var data = new TheoryData<bool, int>();
        foreach (int width in VectorMath.AllWidths) { data.Add(true, width); data.Add(false, width); }
        return data;
    }

    public static TheoryData<int> VectorWidths() => new(512, 256, 128);

    public static TheoryData<int> AllWidths() => new(VectorMath.AllWidths);

    [Theory]
    [MemberData(nameof(WeightedAndWidths))]
    public void Logistic_gradient_pairs_keep_their_digits_for_confident_rows(bool weighted, int width)
    {
        // Scores up to |40|: p - p^2 would give a hessian of exactly 0 (or a 100% error) once p rounds to 1; the
        // kernel's p q must stay within a few float ulps of the double formula everywhere, as must the gradient.
        const int n = 4099; // not a multiple of the vector width: the scalar tail is checked too
        var rng = new Random(11);
        var score = Enumerable.Range(0, n).Select(i => (float)(i * 80.0 / n - 40)).ToArray();
        var y = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.5 ? 1f : 0f).ToArray();
        var w = weighted ? Enumerable.Range(0, n).Select(_ => (float)(0.5 + rng.NextDouble())).ToArray() : [];
        var pairs = new float[2 * n];
        var bits = LogisticKernel.PackLabels(y);
        // In pieces as boosting calls it: an aligned start (vector path) and unaligned ones (row by row).
        foreach (var (from, to) in new[] { (0, 32), (32, 35), (35, 2048), (2048, n) })
            LogisticKernel.GradientPairs(score.AsSpan(from, to - from), bits, from,
                weighted ? w.AsSpan(from, to - from) : ReadOnlySpan<float>.Empty, pairs.AsSpan(2 * from, 2 * (to - from)), width);
        var bound = new float[2 * n];
        // Boosting's own binding reads its row state (e^-score for log loss), made from the scores by ToRowState.
        var rowGradients = LossFunction.For(Objective.LogLoss).Bind(y, w);
        var state = score.ToArray();
        rowGradients.ToRowState(state);
        rowGradients.Pairs(0, state, bound);
        var g = new float[n];
        var h = new float[n];
        LossFunction.For(Objective.LogLoss).Gradients(score, y, w, g, h);
        for (int i = 0; i < n; i++)
        {
            double e = Math.Exp(-(double)score[i]), p = 1 / (1 + e), q = e / (1 + e), weight = weighted ? w[i] : 1;
            double expectedG = (y[i] > 0.5 ? -q : p) * weight, expectedH = p * q * weight;
            Assert.True(Math.Abs(pairs[2 * i] - expectedG) <= 1e-6 * Math.Abs(expectedG), $"kernel g at s = {score[i]}: {pairs[2 * i]} vs {expectedG}");
            Assert.True(Math.Abs(pairs[2 * i + 1] - expectedH) <= 1e-6 * expectedH, $"kernel h at s = {score[i]}: {pairs[2 * i + 1]} vs {expectedH}");
            Assert.True(Math.Abs(bound[2 * i] - expectedG) <= 1e-6 * Math.Abs(expectedG), $"bound g at s = {score[i]}: {bound[2 * i]} vs {expectedG}");
            Assert.True(Math.Abs(bound[2 * i + 1] - expectedH) <= 1e-6 * expectedH, $"bound h at s = {score[i]}: {bound[2 * i + 1]} vs {expectedH}");
            Assert.True(Math.Abs(g[i] - expectedG) <= 1e-6 * Math.Abs(expectedG), $"generic g at s = {score[i]}: {g[i]} vs {expectedG}");
            Assert.True(Math.Abs(h[i] - expectedH) <= 1e-6 * expectedH, $"generic h at s = {score[i]}: {h[i]} vs {expectedH}");
        }
    }

    [Theory]
    [MemberData(nameof(VectorWidths))]
    public void Vector_exp_matches_double_exp_to_float_precision_and_clamps_the_extremes(int width)
    {
        for (double x = -87; x <= 88; x += 0.0137)
        {
            var got = VectorMath.Exp((float)x, width);
            double want = Math.Exp((float)x);
            Assert.True(Math.Abs(got - want) <= 3e-7 * want, $"exp({x}) = {got}, want {want}");
        }
        // Beyond the clamp the result stays a finite, normal float.
        Assert.True(float.IsNormal(VectorMath.Exp(-1000f, width)));
        Assert.True(float.IsFinite(VectorMath.Exp(1000f, width)));
    }

    [Theory]
    [MemberData(nameof(VectorWidths))]
    public void Vector_log_matches_double_log_to_float_precision(int width)
    {
        foreach (double x in new[] { 1e-30, 1e-5, 0.5, 0.70710677, 0.9999999, 1.0, 1.0000001, 1.41421, 1.5, 2.0, 3.7, 1e10, 3e38 })
        {
            var got = VectorMath.Log((float)x, width);
            double want = Math.Log((float)x);
            Assert.True(Math.Abs(got - want) <= 2e-7 * Math.Max(1, Math.Abs(want)), $"log({x}) = {got}, want {want}");
        }
        for (double x = 1; x <= 2; x += 0.000731)
        {
            var got = VectorMath.Log((float)x, width);
            Assert.True(Math.Abs(got - Math.Log((float)x)) <= 2e-7, $"log({x}) = {got}");
        }
    }

    [Theory]
    [MemberData(nameof(AllWidths))]
    public void Log_loss_kernel_matches_the_double_formula_row_by_row(int width)
    {
        const int n = 1037;
        var rng = new Random(5);
        var score = Enumerable.Range(0, n).Select(i => (float)(i * 100.0 / n - 50)).ToArray();
        var y = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.5 ? 1f : 0f).ToArray();
        var loss = new float[n];
        LogisticKernel.RowLosses(score, y, loss, width);
        for (int i = 0; i < n; i++)
        {
            double s = score[i], want = Math.Max(s, 0) + Math.Log(1 + Math.Exp(-Math.Abs(s))) - y[i] * s;
            Assert.True(Math.Abs(loss[i] - want) <= 1e-6 * Math.Max(1, Math.Abs(want)) + 1e-7, $"loss at s = {s}, y = {y[i]}: {loss[i]} vs {want}");
        }
    }

    [Theory]
    [MemberData(nameof(WeightedAndWidths))]
    public void Validation_loss_from_negative_odds_matches_the_double_formula(bool weighted, int width)
    {
        // Rows carrying e^-s only: the loss sum log(1 + e) for y = 1 and log(1 + 1/e) for y = 0 over 2,500 rows (more
        // than a chunk, not a multiple of any width), scores from confident negatives to confident positives.
        const int n = 2500;
        var rng = new Random(5);
        var score = Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 60 - 30)).ToArray();
        var odds = score.Select(v => MathF.Exp(-v)).ToArray();
        var y = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.3 ? 1f : 0f).ToArray();
        var w = weighted ? Enumerable.Range(0, n).Select(_ => (float)(0.5 + rng.NextDouble())).ToArray() : [];
        double expected = 0;
        for (int i = 0; i < n; i++)
        {
            double s = score[i];
            double loss = Math.Max(s, 0) + Math.Log(1 + Math.Exp(-Math.Abs(s))) - y[i] * s;
            expected += loss * (weighted ? w[i] : 1);
        }
        double actual = LogisticKernel.LossSumFromNegativeOdds(odds, y, w, width);
        Assert.True(Math.Abs(actual - expected) <= 1e-5 * expected, $"width {width}: {actual} vs {expected}");
    }
}
