using ClinicalGAM.Core.Modeling.Ebm;
using CsCheck;

namespace ClinicalGAM.Core.Tests.Modeling.Ebm;

/// <summary>Applying a step by comparing cell codes gives exactly the table lookup's scores.</summary>
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
            step.Set(update, cells);
            var actual = start.ToArray();
            step.AddTo(actual.AsSpan(0, rows / 3), codes.AsSpan(0, rows / 3));
            step.AddTo(actual.AsSpan(rows / 3), codes.AsSpan(rows / 3));
            for (int i = 0; i < rows; i++)
                Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits(actual[i]));
        });
    }
}
