using ClinicalGAM.Core.Modeling.Ebm;
using CsCheck;

namespace ClinicalGAM.Core.Tests.Modeling.Ebm;

/// <summary>Applying a step by comparing cell codes gives exactly the table lookup's scores, at every vector width.</summary>
public class ScoreStepTests
{
    [Fact]
    public void Cut_steps_and_any_other_steps_add_exactly_the_looked_up_value_to_every_row()
    {
        Gen.Select(Gen.Int[1, 1100], Gen.Int[0, 3000], Gen.Int[0, 100_000], Gen.Int[0, 4]).Sample((cells, rows, seed, kind) =>
        {
            var rng = new Random(seed);
            var update = new float[cells];
            float missing = (float)rng.NextDouble(), low = (float)(rng.NextDouble() - 0.5), high = (float)(rng.NextDouble() - 0.5);
            int cut = rng.Next(1, Math.Max(2, cells));
            for (int c = 0; c < cells; c++)
            {
                update[c] = kind switch
                {
                    0 => c == 0 ? missing : c <= cut ? low : high,               // one cut (the fast path)
                    1 => c == 0 ? missing : low,                                 // no cut: every bin the same
                    2 => (float)rng.NextDouble(),                                // any table (categories, pairs)
                    3 => c == 0 ? missing : c <= cut ? low : c == cells - 1 ? missing : high, // a third value at the end
                    _ => c == 0 ? float.NaN : c <= cut ? -0f : 0f,               // signed zeros and NaN: lookup semantics
                };
            }
            var codes = Enumerable.Range(0, rows).Select(_ => (ushort)rng.Next(cells)).ToArray();
            var start = Enumerable.Range(0, rows).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
            var expected = start.ToArray();
            for (int i = 0; i < rows; i++) expected[i] += update[codes[i]];

            var step = new ScoreStep();
            step.Set(update, [cells]);
            // Tables of a few cells (a category's levels) compare codes whatever their values.
            if (cells <= ScoreStep.FewCells) Assert.True(step.ComparesCells);
            else if (kind != 2) Assert.Equal(kind is 0 or 1 or 4 || (kind == 3 && cut >= cells - 2), step.ComparesCells);
            else Assert.False(step.ComparesCells);
            foreach (int width in VectorMath.AllWidths)
            {
                var actual = start.ToArray();
                step.AddTo(actual.AsSpan(0, rows / 3), codes.AsSpan(0, rows / 3), width);
                step.AddTo(actual.AsSpan(rows / 3), codes.AsSpan(rows / 3), width);
                for (int i = 0; i < rows; i++)
                    Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits(actual[i]));
            }
        });
    }

    [Fact]
    public void Pair_steps_of_any_tree_shape_add_exactly_the_looked_up_value_to_every_row()
    {
        Gen.Select(Gen.Int[1, 66], Gen.Int[1, 66], Gen.Int[0, 2000], Gen.Int[0, 100_000]).Sample((d0, d1, rows, seed) =>
        {
            var rng = new Random(seed);
            // A two-level tree: a cut on one axis, a cut on the other axis within each side (either may be absent),
            // or (1 in 5) an arbitrary table.
            bool swap = rng.Next(2) == 1, arbitrary = rng.Next(5) == 0;
            int primary = swap ? d1 : d0, secondary = swap ? d0 : d1;
            int cut = rng.Next(primary), lowCut = rng.Next(secondary), highCut = rng.Next(secondary);
            var leaf = Enumerable.Range(0, 4).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
            if (rng.Next(4) == 0) leaf[1] = leaf[0]; // three leaves
            var update = new float[d0 * d1 + rng.Next(3)]; // a scratch buffer may be longer than the term
            for (int b0 = 0; b0 < d0; b0++)
            for (int b1 = 0; b1 < d1; b1++)
            {
                int p = swap ? b1 : b0, s = swap ? b0 : b1;
                update[b0 * d1 + b1] = arbitrary ? (float)rng.NextDouble()
                    : p <= cut ? (s <= lowCut ? leaf[0] : leaf[1]) : (s <= highCut ? leaf[2] : leaf[3]);
            }
            var codes = Enumerable.Range(0, rows).Select(_ => (ushort)rng.Next(d0 * d1)).ToArray();
            var start = Enumerable.Range(0, rows).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
            var expected = start.ToArray();
            for (int i = 0; i < rows; i++) expected[i] += update[codes[i]];

            var step = new ScoreStep();
            step.Set(update, [d0, d1]);
            if (!arbitrary) Assert.True(step.ComparesCells, "a tree-shaped pair table takes the comparisons");
            foreach (int width in VectorMath.AllWidths)
            {
                var actual = start.ToArray();
                step.AddTo(actual, codes, width);
                for (int i = 0; i < rows; i++)
                    Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits(actual[i]));
            }
        });
    }

    [Fact]
    public void Factor_steps_multiply_each_row_by_the_exponential_of_its_cells_update_and_stay_normal_floats()
    {
        // Rows that carry e^-score (log loss) take a step as e^-update: the same value for every form of step, every
        // width, any table (more distinct values than the four-entry cache), and never overflow or turn subnormal.
        Gen.Select(Gen.Int[1, 70], Gen.Int[1, 70], Gen.Int[0, 1500], Gen.Int[0, 100_000]).Sample((d0, d1, rows, seed) =>
        {
            var rng = new Random(seed);
            int shape = rng.Next(3); // 0 = main effect with one cut, 1 = pair tree, 2 = arbitrary table
            int[] dims = shape == 0 ? [d0 * d1] : [d0, d1];
            int cells = d0 * d1, cut = rng.Next(1, Math.Max(2, cells)), pairCut = rng.Next(d0), lowCut = rng.Next(d1);
            var leaf = Enumerable.Range(0, 4).Select(_ => (float)(rng.NextDouble() * 60 - 30)).ToArray();
            var update = new float[cells];
            for (int c = 0; c < cells; c++)
                update[c] = shape switch
                {
                    0 => c == 0 ? leaf[0] : c <= cut ? leaf[1] : leaf[2],
                    1 => c / d1 <= pairCut ? (c % d1 <= lowCut ? leaf[0] : leaf[1]) : leaf[2],
                    _ => (float)(rng.NextDouble() * 200 - 100),
                };
            var codes = Enumerable.Range(0, rows).Select(_ => (ushort)rng.Next(cells)).ToArray();
            // e^-score across the whole float range, extremes included.
            var start = Enumerable.Range(0, rows).Select(i => i % 7 == 0 ? ScoreStep.MaxNegativeOdds : i % 11 == 0
                ? ScoreStep.MinNegativeOdds : (float)Math.Exp(rng.NextDouble() * 160 - 80)).ToArray();
            var expected = new float[rows];
            for (int i = 0; i < rows; i++)
                expected[i] = Math.Clamp(start[i] * (float)Math.Exp(-(double)update[codes[i]]), ScoreStep.MinNegativeOdds, ScoreStep.MaxNegativeOdds);

            var additive = new ScoreStep();
            additive.Set(update, dims);
            var factors = additive.AsFactors(new float[cells]);
            foreach (int width in VectorMath.AllWidths)
            {
                var actual = start.ToArray();
                factors.AddTo(actual, codes, width);
                for (int i = 0; i < rows; i++)
                {
                    Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits(actual[i]));
                    Assert.True(float.IsNormal(actual[i]), $"row {i}: {actual[i]}");
                }
            }
        });
    }

    [Fact]
    public void Steps_on_a_few_cells_add_and_multiply_exactly_the_looked_up_value_with_any_values()
    {
        // A category's step follows its levels' order by gradient, so its table has any values: with at most eight
        // cells it is applied by comparing codes, bit-identical to the lookup, adding or as factors, at every width.
        Gen.Select(Gen.Int[1, ScoreStep.FewCells], Gen.Int[0, 700], Gen.Int[0, 100_000], Gen.Bool).Sample((cells, rows, seed, pair) =>
        {
            var rng = new Random(seed);
            var update = Enumerable.Range(0, cells).Select(_ => (float)(rng.NextDouble() * 8 - 4)).ToArray();
            int[] dims = pair && cells % 2 == 0 ? [2, cells / 2] : [cells];
            var codes = Enumerable.Range(0, rows).Select(_ => (ushort)rng.Next(cells)).ToArray();
            var start = Enumerable.Range(0, rows).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
            var step = new ScoreStep();
            step.Set(update, dims);
            Assert.True(step.ComparesCells);
            var factors = step.AsFactors(new float[cells]);
            foreach (int width in VectorMath.AllWidths)
            {
                var added = start.ToArray();
                var multiplied = start.Select(Math.Abs).ToArray();
                step.AddTo(added, codes, width);
                factors.AddTo(multiplied, codes, width);
                for (int i = 0; i < rows; i++)
                {
                    float sum = start[i] + update[codes[i]];
                    float product = Math.Clamp(Math.Abs(start[i]) * (float)Math.Exp(-(double)update[codes[i]]),
                        ScoreStep.MinNegativeOdds, ScoreStep.MaxNegativeOdds);
                    Assert.Equal(BitConverter.SingleToInt32Bits(sum), BitConverter.SingleToInt32Bits(added[i]));
                    Assert.Equal(BitConverter.SingleToInt32Bits(product), BitConverter.SingleToInt32Bits(multiplied[i]));
                }
            }
        });
    }

    [Fact]
    public void A_pair_step_set_from_its_tree_gives_the_rows_exactly_what_reading_its_table_gives()
    {
        // TermUpdate hands over the tree that filled the table; the rows must not tell the difference.
        Gen.Select(Gen.Int[1, 66], Gen.Int[1, 66], Gen.Int[0, 1500], Gen.Int[0, 100_000]).Sample((d0, d1, rows, seed) =>
        {
            var rng = new Random(seed);
            int axis = rng.Next(2);
            int primary = axis == 0 ? d0 : d1, secondary = axis == 0 ? d1 : d0;
            var tree = new PairTreeShape(axis, rng.Next(primary), rng.Next(-1, secondary), rng.Next(-1, secondary));
            var leaf = Enumerable.Range(0, 4).Select(_ => (float)(rng.NextDouble() * 6 - 3)).ToArray();
            if (rng.Next(4) == 0) leaf[3] = leaf[2];
            var update = new float[d0 * d1 + rng.Next(3)];
            for (int b0 = 0; b0 < d0; b0++)
            for (int b1 = 0; b1 < d1; b1++)
            {
                int p = axis == 0 ? b0 : b1, sec = axis == 0 ? b1 : b0;
                bool low = p <= tree.Cut;
                int cut = low ? tree.LowCut : tree.HighCut;
                bool first = cut < 0 || sec <= cut;
                update[b0 * d1 + b1] = low ? (first ? leaf[0] : leaf[1]) : (first ? leaf[2] : leaf[3]);
            }
            var codes = Enumerable.Range(0, rows).Select(_ => (ushort)rng.Next(d0 * d1)).ToArray();
            var start = Enumerable.Range(0, rows).Select(_ => (float)(rng.NextDouble() * 4 + 0.01)).ToArray();
            var read = new ScoreStep();
            read.Set(update, [d0, d1]);
            var given = new ScoreStep();
            given.SetPairTree(update, d0, d1, tree);
            Assert.True(given.ComparesCells);
            foreach (int width in VectorMath.AllWidths)
            foreach (bool factors in new[] { false, true })
            {
                var expected = start.ToArray();
                var actual = start.ToArray();
                (factors ? read.AsFactors(new float[update.Length]) : read).AddTo(expected, codes, width);
                (factors ? given.AsFactors(new float[update.Length]) : given).AddTo(actual, codes, width);
                for (int i = 0; i < rows; i++)
                    Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits(actual[i]));
            }
        });
    }
}
