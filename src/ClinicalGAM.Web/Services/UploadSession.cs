using ClinicalGAM.Core.Data;
using Microsoft.AspNetCore.Components.Forms;

namespace ClinicalGAM.Web.Services;

/// <summary>
/// One cohort upload: copy the browser's file (CSV, Excel workbook or Parquet) to a temporary file (with progress),
/// read it with the inferred or overridden column types (and, for a workbook, the chosen sheet), then save it as a
/// whole. Any error leaves nothing saved. The size limit is ClinicalGam:MaxUploadMegabytes (default 1024). The staged
/// copy lives in <see cref="UploadStaging"/> (this user only) and is deleted when the session ends.
/// </summary>
public sealed class UploadSession(CohortService cohorts, IConfiguration configuration, UploadStaging staging) : IDisposable
{
    private string? _tempPath;

    public string? FileName { get; private set; }
    public long Size { get; private set; }
    public CohortTable? Preview { get; private set; }
    public Dictionary<string, ColumnKind> Overrides { get; } = new(StringComparer.Ordinal);
    public long MaxBytes => configuration.GetValue("ClinicalGam:MaxUploadMegabytes", 1024L) * 1024 * 1024;

    /// <summary>A workbook's sheets, in order; empty for CSV and Parquet.</summary>
    public IReadOnlyList<string> Sheets { get; private set; } = [];

    /// <summary>The workbook sheet to read; the first one after staging. Setting it does not re-read.</summary>
    public string? Sheet { get; set; }

    /// <summary>What the last read noted about the file (e.g. read as Windows-1252 because it is not UTF-8).</summary>
    public IReadOnlyList<string> Notices { get; private set; } = [];

    /// <summary>The file types the upload accepts, for the file picker.</summary>
    public const string Accept = ".csv,.tsv,.txt,text/csv,.xlsx,.xlsm,.xls,.parquet";

    /// <summary>Streams the browser file to disk; progress is the fraction of bytes received.</summary>
    public async Task StageAsync(IBrowserFile file, IProgress<double> progress, CancellationToken ct)
    {
        Reset();
        FileName = file.Name;
        Size = file.Size;
        // Refused before a byte is copied, in the words the reader uses for the same limit.
        if (file.Size > MaxBytes)
            throw new CohortFormatException(
                $"the file is {Describe(file.Size)}, over the upload limit of {Describe(MaxBytes)}. Split it, keep only the " +
                "columns the model needs, or ask the administrator to raise the limit.");
        string extension = Path.GetExtension(file.Name).ToLowerInvariant();
        await using (var source = file.OpenReadStream(MaxBytes, ct))
        await using (var target = staging.Create(extension, out string staged))
        {
            _tempPath = staged;
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
        Sheets = Modeling.SheetNames(_tempPath);
        Sheet = Sheets.Count > 0 ? Sheets[0] : null;
    }

    /// <summary>Reads the staged file with the current type overrides and sheet; throws CohortFormatException on bad input.</summary>
    public async Task ReadAsync(IProgress<double> progress, CancellationToken ct)
    {
        if (_tempPath is null) throw new InvalidOperationException("No file has been uploaded.");
        var path = _tempPath;
        var notices = new List<string>();
        var options = new CsvReadOptions
        {
            KindOverrides = new Dictionary<string, ColumnKind>(Overrides), Sheet = Sheet, MaxFileBytes = MaxBytes,
            Notice = m => { lock (notices) notices.Add(m); },
        };
        Preview = null;
        Notices = [];
        Preview = await Task.Run(() =>
        {
            using var stream = File.OpenRead(path);
            return Modeling.ReadCohort(stream, path, options, progress, ct);
        }, ct);
        Notices = notices;
    }

    public async Task<int> SaveAsync(string name, CancellationToken ct)
    {
        if (Preview is null) throw new InvalidOperationException("Read the file before saving it.");
        int id = await cohorts.SaveAsync(Preview, string.IsNullOrWhiteSpace(name) ? FileName ?? "cohort" : name.Trim(),
            Sheet is null ? $"upload:{FileName}" : $"upload:{FileName}#{Sheet}", ct);
        Reset();
        return id;
    }

    public void Reset()
    {
        if (_tempPath is not null && File.Exists(_tempPath)) File.Delete(_tempPath);
        _tempPath = null;
        Preview = null;
        Overrides.Clear();
        Sheets = [];
        Sheet = null;
        Notices = [];
    }

    public void Dispose() => Reset();

    private static string Describe(long bytes) =>
        bytes >= 1L << 20 ? $"{bytes / (double)(1L << 20):0.#} MiB" : $"{bytes:N0} bytes";
}
