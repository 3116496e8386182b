namespace ClinicalGAM.Storage.Tests.Cohorts;

public sealed class ColumnCodecTests
{
    [Fact]
    public void Doubles_round_trip_bit_for_bit()
    {
        var rng = new Random(3);
        var values = new double[10_001];
        for (int i = 0; i < values.Length; i++)
            values[i] = BitConverter.Int64BitsToDouble(rng.NextInt64()); // every bit pattern, NaNs included

        var back = new double[values.Length];
        ColumnCodec.DecodeDoubles(ColumnCodec.EncodeDoubles(values), back);

        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), back.Select(BitConverter.DoubleToInt64Bits));
    }

    [Theory]
    [InlineData(new[] { 11.2, double.NaN, 7.0, 0.1, -3.25, 1e-6, 123456.5 })] // decimals: stored as scaled integers
    [InlineData(new[] { 11.2, -0.0, 7.0 })]                                       // -0.0 must not become +0.0
    [InlineData(new[] { 1.0 / 3, 2.0, double.NaN })]                              // full precision: raw doubles
    [InlineData(new[] { 1e300, 2.0 })]                                            // beyond 2^53 when scaled
    [InlineData(new double[0])]
    public void Every_encoding_path_round_trips_bit_for_bit(double[] values)
    {
        var back = new double[values.Length];
        ColumnCodec.DecodeDoubles(ColumnCodec.EncodeDoubles(values), back);
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), back.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Clinical_values_compress_well_below_eight_bytes_per_row()
    {
        var rng = new Random(5);
        var hb = Enumerable.Range(0, 100_000).Select(_ => Math.Round(6 + rng.NextDouble() * 9, 1)).ToArray();

        int size = ColumnCodec.EncodeDoubles(hb).Length;

        Assert.True(size < hb.Length * 1.5, $"{size} bytes for {hb.Length} one-decimal values");
    }

    [Fact]
    public void Levels_round_trip_including_empty_and_non_ascii_labels()
    {
        string[] levels = ["", "cesarean", "assisted — forceps", "日本", new string('x', 1000)];
        Assert.Equal(levels, ColumnCodec.DecodeLevels(ColumnCodec.EncodeLevels(levels)));
    }

    [Fact]
    public void A_corrupt_or_truncated_chunk_is_reported_not_misread()
    {
        var blob = ColumnCodec.EncodeCodes([1, 2, 3, -1, 5]);
        var wrongLength = new int[6];

        Assert.Throws<InvalidDataException>(() => ColumnCodec.DecodeCodes(blob, wrongLength));
        Assert.Throws<InvalidDataException>(() => ColumnCodec.DecodeCodes(blob.AsSpan(0, blob.Length / 2), new int[5]));
        blob[0] = 99;
        Assert.Throws<InvalidDataException>(() => ColumnCodec.DecodeCodes(blob, new int[5]));
    }
}
