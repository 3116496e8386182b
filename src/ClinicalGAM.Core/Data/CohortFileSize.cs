using System.Globalization;

namespace ClinicalGAM.Core.Data;

/// <summary>
/// The size limit on one cohort file, checked before a byte is parsed; and the spooling of a non-seekable stream (an
/// upload) to a temporary file, stopped as soon as it passes the limit.
/// </summary>
internal static class CohortFileSize
{
    /// <param name="soFar">True while spooling: the file is at least this large.</param>
    public static void Check(long bytes, CsvReadOptions options, bool soFar = false)
    {
        if (bytes > options.MaxFileBytes)
            throw new CohortFormatException(
                $"the file is {(soFar ? "more than " : "")}{Describe(soFar ? options.MaxFileBytes : bytes)}, over the limit of {Describe(options.MaxFileBytes)} for one cohort file. " +
                "Split it, keep only the columns the model needs, or ask the administrator to raise the limit.");
    }

    public static T WithSeekable<T>(Stream stream, CsvReadOptions options, CancellationToken ct, Func<Stream, T> read)
    {
        if (stream.CanSeek)
        {
            Check(stream.Length - stream.Position, options);
            return read(stream);
        }
        using var spool = Spool(stream, options, ct);
        return read(spool);
    }

    internal static string Describe(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.#", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0.#", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes",
    };

    private static FileStream Spool(Stream source, CsvReadOptions options, CancellationToken ct)
    {
        var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None,
            1 << 16, FileOptions.DeleteOnClose);
        try
        {
            var buffer = new byte[1 << 20];
            long total = 0;
            int read;
            while ((read = source.Read(buffer)) > 0)
            {
                ct.ThrowIfCancellationRequested();
                total += read;
                Check(total, options, soFar: true);
                spool.Write(buffer, 0, read);
            }
            spool.Position = 0;
            return spool;
        }
        catch
        {
            spool.Dispose();
            throw;
        }
    }
}
