using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace ClinicalGAM.Storage;

/// <summary>
/// Turns a run of column values into a compact blob and back, bit for bit (NaN payloads, -0.0 and -1 codes included).
/// A blob is one format byte, then Brotli over the values' bytes regrouped by significance ("byte shuffle": all
/// first bytes, then all second bytes ...), which turns shared exponents and high bytes into long runs.
/// Most clinical measurements are decimals with few digits (Hb 11.2, creatinine 0.74, weight 3350): those are
/// stored as scaled integers (format 2), which compress to about one byte per row.
/// </summary>
public static class ColumnCodec
{
    /// <summary>Rows per chunk: 2 MiB of doubles, so a blob stays small whatever the cohort's size.</summary>
    public const int ChunkRows = 1 << 18;

    private const byte ShuffledBrotli = 1;
    private const byte ScaledDecimalBrotli = 2;
    // Brotli's fastest quality: on shuffled planes it compresses as well as quality 3-5 at a tenth of the time.
    private const int Quality = 1;
    private const int Window = 22;
    private const int MaxDecimals = 6;
    private const long MissingScaled = long.MinValue;
    private static readonly long CanonicalNaN = BitConverter.DoubleToInt64Bits(double.NaN);
    private static readonly double[] PowersOfTen = [1, 10, 100, 1e3, 1e4, 1e5, 1e6];

    public static byte[] EncodeDoubles(ReadOnlySpan<double> values)
    {
        int decimals = DecimalPlaces(values);
        if (decimals < 0) return Encode(MemoryMarshal.AsBytes(values), sizeof(double));

        long[] scaled = ArrayPool<long>.Shared.Rent(values.Length);
        try
        {
            double p = PowersOfTen[decimals];
            for (int i = 0; i < values.Length; i++)
                scaled[i] = double.IsNaN(values[i]) ? MissingScaled : (long)Math.Round(values[i] * p);
            var blob = Encode(MemoryMarshal.AsBytes(scaled.AsSpan(0, values.Length)), sizeof(long), extraHeader: 1);
            blob[0] = ScaledDecimalBrotli;
            blob[1] = (byte)decimals;
            return blob;
        }
        finally { ArrayPool<long>.Shared.Return(scaled); }
    }

    /// <summary>
    /// The fewest decimals d (0..6) such that every value is exactly round(v * 10^d) / 10^d, bit for bit; -1 when
    /// none (full-precision ratios, infinities, -0.0, NaN payloads): those are stored as raw doubles.
    /// </summary>
    private static int DecimalPlaces(ReadOnlySpan<double> values)
    {
        for (int d = 0; d <= MaxDecimals; d++)
        {
            double p = PowersOfTen[d];
            bool exact = true;
            foreach (double v in values)
            {
                if (double.IsNaN(v))
                {
                    if (BitConverter.DoubleToInt64Bits(v) != CanonicalNaN) return -1;
                    continue;
                }
                double r = Math.Round(v * p);
                // Through long exactly as decoding does, so -0.0 and anything beyond 2^53 fall back to raw doubles.
                if (!(Math.Abs(r) < 9e15) || BitConverter.DoubleToInt64Bits((long)r / p) != BitConverter.DoubleToInt64Bits(v))
                {
                    exact = false;
                    break;
                }
            }
            if (exact) return d;
        }
        return -1;
    }

    public static byte[] EncodeCodes(ReadOnlySpan<int> codes) => Encode(MemoryMarshal.AsBytes(codes), sizeof(int));

    public static void DecodeDoubles(ReadOnlySpan<byte> blob, Span<double> destination)
    {
        if (blob.IsEmpty || blob[0] != ScaledDecimalBrotli)
        {
            Decode(blob, MemoryMarshal.AsBytes(destination), sizeof(double));
            return;
        }
        if (blob.Length < 2 || blob[1] > MaxDecimals) throw new InvalidDataException("Column chunk is corrupt: bad decimal scale.");
        double p = PowersOfTen[blob[1]];
        long[] scaled = ArrayPool<long>.Shared.Rent(destination.Length);
        try
        {
            var span = scaled.AsSpan(0, destination.Length);
            Decompress(blob[2..], MemoryMarshal.AsBytes(span), sizeof(long));
            for (int i = 0; i < span.Length; i++)
                destination[i] = span[i] == MissingScaled ? double.NaN : span[i] / p;
        }
        finally { ArrayPool<long>.Shared.Return(scaled); }
    }

    public static void DecodeCodes(ReadOnlySpan<byte> blob, Span<int> destination) =>
        Decode(blob, MemoryMarshal.AsBytes(destination), sizeof(int));

    /// <summary>Level labels: format byte 1, then Brotli over a count and length-prefixed UTF-8 strings (no shuffle).</summary>
    public static byte[] EncodeLevels(IReadOnlyList<string> levels)
    {
        using var raw = new MemoryStream();
        using (var w = new BinaryWriter(raw, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(levels.Count);
            foreach (var level in levels) w.Write(level);
        }
        return Compress(raw.GetBuffer().AsSpan(0, (int)raw.Length));
    }

    public static string[] DecodeLevels(byte[] blob)
    {
        if (blob.Length == 0 || blob[0] != ShuffledBrotli)
            throw new InvalidDataException("Unknown level list format.");
        using var raw = new MemoryStream();
        using (var brotli = new BrotliStream(new MemoryStream(blob, 1, blob.Length - 1), CompressionMode.Decompress))
            brotli.CopyTo(raw);
        // Parsed from the span rather than with a BinaryReader: an identifier column has a million levels.
        ReadOnlySpan<byte> bytes = raw.GetBuffer().AsSpan(0, (int)raw.Length);
        try
        {
            var levels = new string[BinaryPrimitives.ReadInt32LittleEndian(bytes)];
            int pos = sizeof(int);
            for (int i = 0; i < levels.Length; i++)
            {
                int length = 0, shift = 0;
                byte b;
                do { b = bytes[pos++]; length |= (b & 0x7F) << shift; shift += 7; } while ((b & 0x80) != 0);
                levels[i] = Encoding.UTF8.GetString(bytes.Slice(pos, length));
                pos += length;
            }
            return levels;
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException)
        {
            throw new InvalidDataException("Level list is corrupt.", e);
        }
    }

    private static byte[] Encode(ReadOnlySpan<byte> bytes, int width, int extraHeader = 0)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(bytes.Length);
        try
        {
            var shuffled = rented.AsSpan(0, bytes.Length);
            Shuffle(bytes, shuffled, width);
            return Compress(shuffled, extraHeader);
        }
        finally { ArrayPool<byte>.Shared.Return(rented); }
    }

    private static void Decode(ReadOnlySpan<byte> blob, Span<byte> destination, int width)
    {
        if (blob.IsEmpty || blob[0] != ShuffledBrotli)
            throw new InvalidDataException("Unknown column chunk format.");
        Decompress(blob[1..], destination, width);
    }

    private static void Decompress(ReadOnlySpan<byte> compressed, Span<byte> destination, int width)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(destination.Length);
        try
        {
            var shuffled = rented.AsSpan(0, destination.Length);
            if (!BrotliDecoder.TryDecompress(compressed, shuffled, out int written) || written != destination.Length)
                throw new InvalidDataException($"Column chunk is corrupt: expected {destination.Length} bytes after decompression.");
            Unshuffle(shuffled, destination, width);
        }
        finally { ArrayPool<byte>.Shared.Return(rented); }
    }

    /// <summary>Format byte (+ extra header bytes for the caller to fill) + Brotli.</summary>
    private static byte[] Compress(ReadOnlySpan<byte> source, int extraHeader = 0)
    {
        int header = 1 + extraHeader;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(header + BrotliEncoder.GetMaxCompressedLength(source.Length));
        try
        {
            buffer[0] = ShuffledBrotli;
            if (!BrotliEncoder.TryCompress(source, buffer.AsSpan(header), out int written, Quality, Window))
                throw new InvalidOperationException("Brotli compression failed.");
            return buffer.AsSpan(0, header + written).ToArray();
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    // bytes[i * width + b] -> shuffled[b * n + i]
    private static void Shuffle(ReadOnlySpan<byte> bytes, Span<byte> shuffled, int width)
    {
        int n = bytes.Length / width;
        for (int b = 0; b < width; b++)
        {
            var plane = shuffled.Slice(b * n, n);
            for (int i = 0, j = b; i < n; i++, j += width) plane[i] = bytes[j];
        }
    }

    private static void Unshuffle(ReadOnlySpan<byte> shuffled, Span<byte> bytes, int width)
    {
        int n = bytes.Length / width;
        for (int b = 0; b < width; b++)
        {
            var plane = shuffled.Slice(b * n, n);
            for (int i = 0, j = b; i < n; i++, j += width) bytes[j] = plane[i];
        }
    }

    /// <summary>Little-endian is assumed by MemoryMarshal; refuse to write blobs another machine would misread.</summary>
    static ColumnCodec()
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Column blobs are little-endian.");
    }
}
