using ClinicalGAM.Core.Data;
using Microsoft.AspNetCore.Components.Forms;

namespace ClinicalGAM.Web.Services;

/// <summary>
/// One cohort upload: copy the browser's file to a temporary file (with progress), read it with the inferred or
/// overridden column types, then save it as a whole. Any error leaves nothing saved.
/// </summary>
public sealed class UploadSession(CohortService cohorts, IConfiguration configuration) : IDisposable
{
    private string? _tempPath;

    public string? FileName { get; private set; }
    public long Size { get; private set; }
    public CohortTable? Preview { get; private set; }
    public Dictionary<string, ColumnKind> Overrides { get; } = new(StringComparer.Ordinal);
    public long MaxBytes => configuration.GetValue("ClinicalGam:MaxUploadMegabytes", 1024L) * 1024 * 1024;

    /// <summary>Streams the browser file to disk; progress is the fraction of bytes received.</summary>
    public async Task StageAsync(IBrowserFile file, IProgress<double> progress, CancellationToken ct)
    {
        Reset();
        FileName = file.Name;
        Size = file.Size;
        _tempPath = Path.Combine(Path.GetTempPath(), $"clinicalgam-upload-{Guid.NewGuid():N}.csv");
        await using var source = file.OpenReadStream(MaxBytes, ct);
        await using var target = File.Create(_tempPath);
        var buffer = new byte[1 << 20];
        long copied = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
            copied += read;
            progress.Report(Size == 0 ? 1 : (double)copied / Size);
        }
    }

    /// <summary>Reads the staged file with the current type overrides; throws CohortFormatException on bad input.</summary>
    public async Task ReadAsync(IProgress<double> progress, CancellationToken ct)
    {
        if (_tempPath is null) throw new InvalidOperationException("No file has been uploaded.");
        var path = _tempPath;
        var overrides = new Dictionary<string, ColumnKind>(Overrides);
        Preview = null;
        Preview = await Task.Run(() =>
        {
            using var stream = File.OpenRead(path);
            return Modeling.ReadCsv(stream, overrides, progress, ct);
        }, ct);
    }

    public async Task<int> SaveAsync(string name, CancellationToken ct)
    {
        if (Preview is null) throw new InvalidOperationException("Read the file before saving it.");
        int id = await cohorts.SaveAsync(Preview, string.IsNullOrWhiteSpace(name) ? FileName ?? "cohort" : name.Trim(),
            $"upload:{FileName}", ct);
        Reset();
        return id;
    }

    public void Reset()
    {
        if (_tempPath is not null && File.Exists(_tempPath)) File.Delete(_tempPath);
        _tempPath = null;
        Preview = null;
        Overrides.Clear();
    }

    public void Dispose() => Reset();
}
