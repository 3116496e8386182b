using ClinicalGAM.Core.Diagnostics.Goodhart;

namespace ClinicalGAM.Core.Tests.Diagnostics.Goodhart;

/// <summary>Heaping at a cut-off and bunching across it, on values with known behaviour (seeded).</summary>
public class DensityDiscontinuityTestTests
{
    private static double[] Readings(int seed, Func<double, Random, double> record)
    {
        var rng = new Random(seed);
        var values = new double[20_000];
        for (int i = 0; i < values.Length; i++)
        {
            double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
            double v = 130 + 15 * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            values[i] = record(v, rng);
        }
        Array.Sort(values);
        return values;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Readings_rounded_to_140_heap_there_and_plain_readings_do_not(int seed)
    {
        // A third of readings within 3 mmHg of 140 are written down as 140.
        var heaped = DensityDiscontinuityTest.Test(Readings(seed, (v, r) => Math.Abs(v - 140) < 3 && r.NextDouble() < 0.33 ? 140 : Math.Round(v)), 140)!;
        var plain = DensityDiscontinuityTest.Test(Readings(seed, (v, _) => Math.Round(v)), 140)!;

        Assert.Equal(1, heaped.Precision);
        Assert.True(heaped.HeapRatio > 2 && heaped.HeapZ > 5, $"ratio {heaped.HeapRatio}, z {heaped.HeapZ}");
        Assert.InRange(plain.HeapRatio, 0.7, 1.3);
        Assert.True(Math.Abs(plain.Z) < 3, $"plain density z {plain.Z}");
        Assert.False(plain.Signals);
    }

    [Fact]
    public void Readings_nudged_below_a_cut_show_a_drop_in_density_just_above_it()
    {
        // Half the readings in [140, 146) are recorded 5 lower (just below the treatment cut).
        var nudged = DensityDiscontinuityTest.Test(Readings(3, (v, r) => Math.Round(v >= 140 && v < 146 && r.NextDouble() < 0.5 ? v - 5 : v)), 140)!;

        Assert.Null(nudged.Problem);
        Assert.True(nudged.LogJump < 0 && nudged.High < 0, $"log jump {nudged.LogJump} ({nudged.Low} to {nudged.High})");
        Assert.True(nudged.Signals);
    }

    [Theory]
    [InlineData(new[] { 1.0, 2.0, 3.0 }, 1.0)]
    [InlineData(new[] { 6.9, 7.0, 11.3 }, 0.1)]
    [InlineData(new[] { 100.0, 250.0, 40.0 }, 10.0)]
    public void The_recording_grid_is_read_from_the_values(double[] values, double expected) =>
        Assert.Equal(expected, DensityDiscontinuityTest.Precision(values), 9);
}
