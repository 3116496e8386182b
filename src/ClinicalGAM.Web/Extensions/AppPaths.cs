namespace ClinicalGAM.Web.Extensions;

/// <summary>
/// Resolves relative paths (data folder, sample cohort) against the repository root when the app runs from a
/// checkout (found by ClinicalGAM.sln above the content root), else against the content root.
/// </summary>
public sealed class AppPaths
{
    public AppPaths(string contentRoot)
    {
        ContentRoot = contentRoot;
        var dir = new DirectoryInfo(contentRoot);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ClinicalGAM.sln"))) dir = dir.Parent;
        BaseDirectory = dir?.FullName ?? contentRoot;
    }

    public string ContentRoot { get; }
    /// <summary>The repository root, or the content root outside a checkout.</summary>
    public string BaseDirectory { get; }

    public string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(BaseDirectory, path));

    /// <summary>Makes an SQLite "Data Source=" path absolute and creates its folder.</summary>
    public string ResolveConnectionString(string connectionString)
    {
        const string key = "Data Source=";
        int at = connectionString.IndexOf(key, StringComparison.OrdinalIgnoreCase);
        if (at < 0) return connectionString;
        int start = at + key.Length;
        int end = connectionString.IndexOf(';', start);
        var file = end < 0 ? connectionString[start..] : connectionString[start..end];
        if (file == ":memory:" || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return connectionString;
        var full = Resolve(file.Trim());
        // A new data folder holds patient data: readable by the app's account only (an existing one keeps its mode).
        string folder = Path.GetDirectoryName(full)!;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else if (!Directory.Exists(folder)) Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return connectionString[..start] + full + (end < 0 ? "" : connectionString[end..]);
    }

    /// <summary>The folder of the SQLite file in a resolved connection string (an in-memory database: data/ under the base).</summary>
    public string DataFolder(string resolvedConnectionString)
    {
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(resolvedConnectionString).DataSource;
        return string.IsNullOrEmpty(file) || file == ":memory:" || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? Resolve("data")
            : Path.GetDirectoryName(Path.GetFullPath(file))!;
    }
}
