using System.Globalization;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Data.Derived;

namespace ClinicalGAM.Cli.Support;

/// <summary>
/// Reading and writing cohort files with errors a researcher can act on. A cohort file is CSV, an Excel workbook
/// (.xlsx, .xlsm, .xls; <c>--sheet NAME</c> picks the sheet, else the first) or Parquet (.parquet), by extension.
/// Files over CLINICALGAM_MAX_FILE_MB megabytes (default 1024) are refused; notices (e.g. a file read as
/// Windows-1252 because it is not UTF-8) are printed as "note: ..." lines.
/// </summary>
internal static class CohortFiles
{
    /// <summary>The option that picks a workbook's sheet, accepted by every verb that reads a cohort.</summary>
    public const string SheetOption = "--sheet";

    /// <summary>The environment variable that sets the file size limit in megabytes.</summary>
    public const string MaxFileVariable = "CLINICALGAM_MAX_FILE_MB";

    public static CohortTable Read(string path, CsvReadOptions? options = null, TextWriter? log = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"The data file '{path}' does not exist.", path);
        options ??= CsvReadOptions.Default;
        options = options with { MaxFileBytes = MaxFileBytes(), Notice = log is null ? null : m => log.WriteLine($"note: {m}") };
        if (options.Sheet is not null && CohortFileReader.FormatOf(path) != CohortFileFormat.Excel)
            log?.WriteLine($"note: {SheetOption} is ignored: '{Path.GetFileName(path)}' is not an Excel workbook.");
        return CohortFileReader.Read(path, options);
    }

    /// <summary>Reads a cohort and appends derived columns (see <see cref="DerivedColumns"/>), noting undefined rows on <paramref name="log"/>.</summary>
    public static CohortTable Read(string path, IReadOnlyList<DerivedFeature> derived, TextWriter log, CsvReadOptions? options = null) =>
        DerivedColumns.Apply(Read(path, options, log), derived, log);

    /// <summary>The read options a verb's arguments ask for (the sheet), on top of <paramref name="options"/>.</summary>
    public static CsvReadOptions Options(CliArguments a, CsvReadOptions? options = null) =>
        (options ?? new CsvReadOptions()) with { Sheet = a.Optional(SheetOption) };

    /// <summary>The column names only, in the sheet the arguments choose.</summary>
    public static IReadOnlyList<string> ColumnNames(string path, CliArguments a)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"The data file '{path}' does not exist.", path);
        return CohortFileReader.ReadColumnNames(path, Options(a) with { MaxFileBytes = MaxFileBytes() });
    }

    private static long MaxFileBytes()
    {
        string? text = Environment.GetEnvironmentVariable(MaxFileVariable);
        if (string.IsNullOrWhiteSpace(text)) return CsvReadOptions.DefaultMaxFileBytes;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double megabytes) || !(megabytes > 0))
            throw new CliUsageException($"{MaxFileVariable} must be a positive number of megabytes, not '{text}'.");
        return (long)(megabytes * (1 << 20));
    }

    /// <summary>Writes through a temporary file, so a failed write never leaves half a file behind.</summary>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string? directory = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        string temporary = full + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var stream = File.Create(temporary)) write(stream);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
