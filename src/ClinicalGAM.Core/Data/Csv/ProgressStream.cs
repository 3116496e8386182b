namespace ClinicalGAM.Core.Data.Csv;

/// <summary>A read-only view of a seekable stream that reports the fraction of bytes read, at most every 1%.</summary>
internal sealed class ProgressStream(Stream inner, IProgress<double>? progress, double from, double to) : Stream
{
    private readonly long _length = Math.Max(1, inner.Length);
    private double _lastReported = double.NegativeInfinity;

    public override int Read(byte[] buffer, int offset, int count) => Report(inner.Read(buffer, offset, count));
    public override int Read(Span<byte> buffer) => Report(inner.Read(buffer));

    private int Report(int read)
    {
        if (progress is null) return read;
        double fraction = from + (to - from) * Math.Min(1.0, (double)inner.Position / _length);
        if (fraction - _lastReported >= 0.01 || read == 0)
        {
            _lastReported = fraction;
            progress.Report(fraction);
        }
        return read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
