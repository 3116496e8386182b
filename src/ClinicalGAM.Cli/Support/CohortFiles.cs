using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Data.Derived;

namespace ClinicalGAM.Cli.Support;

/// <summary>Reading and writing cohort files with errors a researcher can act on.</summary>
internal static class CohortFiles
{
    public static CohortTable Read(string path, CsvReadOptions? options = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"The data file '{path}' does not exist.", path);
        return CohortCsvReader.Read(path, options);
    }

    /// <summary>Reads a cohort and appends derived columns (see <see cref="DerivedColumns"/>), noting undefined rows on <paramref name="log"/>.</summary>
    public static CohortTable Read(string path, IReadOnlyList<DerivedFeature> derived, TextWriter log, CsvReadOptions? options = null) =>
        DerivedColumns.Apply(Read(path, options), derived, log);

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
