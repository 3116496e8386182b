namespace ClinicalGAM.Core.Tests.Data.Sources;

/// <summary>
/// A seekable read-only stream of a given length whose bytes are computed, not stored: a 2 GB file or a 200 MB line
/// without writing either to disk. Bytes [0, prefix) come from the prefix; the rest are the filler byte.
/// </summary>
internal sealed class SyntheticStream(byte[] prefix, long length, byte filler) : Stream
{
    public long BytesRead { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = (int)Math.Min(buffer.Length, length - Position);
        if (n <= 0) return 0;
        for (int i = 0; i < n; i++)
        {
            long at = Position + i;
            buffer[i] = at < prefix.Length ? prefix[at] : filler;
        }
        Position += n;
        BytesRead += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => Position + offset,
        _ => length + offset,
    };

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get; set; }
    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
