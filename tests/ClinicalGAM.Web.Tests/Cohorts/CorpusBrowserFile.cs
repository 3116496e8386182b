using Microsoft.AspNetCore.Components.Forms;

namespace ClinicalGAM.Web.Tests.Cohorts;

/// <summary>A file as the browser hands it to the upload page: a name, a size and a stream capped like Blazor's.</summary>
internal sealed class CorpusBrowserFile(string name, byte[] bytes) : IBrowserFile
{
    public string Name => name;
    public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;
    public long Size => bytes.Length;
    public string ContentType => "application/octet-stream";

    public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) =>
        bytes.Length > maxAllowedSize
            ? throw new IOException($"Supplied file with size {bytes.Length} bytes exceeds the maximum of {maxAllowedSize} bytes.")
            : new MemoryStream(bytes, writable: false);
}
