using ClinicalGAM.Web.Extensions;

namespace ClinicalGAM.Web.Tests.Hosting;

/// <summary>The database's folder: relative paths land under the base directory, and a new folder is private.</summary>
public sealed class AppPathsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"app-paths-{Guid.NewGuid():N}");

    [Fact]
    public void A_new_data_folder_is_made_readable_by_the_apps_account_only()
    {
        Directory.CreateDirectory(_root);
        var paths = new AppPaths(_root);
        string resolved = paths.ResolveConnectionString("Data Source=data/db/clinicalgam.db");

        string folder = Path.Combine(_root, "data", "db");
        Assert.Equal($"Data Source={Path.Combine(folder, "clinicalgam.db")}", resolved);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
