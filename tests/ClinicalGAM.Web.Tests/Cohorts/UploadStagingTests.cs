using ClinicalGAM.Web.Services;

namespace ClinicalGAM.Web.Tests.Cohorts;

/// <summary>Staged uploads are private to the app's account and do not outlive a crash.</summary>
public sealed class UploadStagingTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"staging-test-{Guid.NewGuid():N}");

    [Fact]
    public void Staged_files_and_their_folder_are_readable_by_the_owner_only()
    {
        Directory.CreateDirectory(_folder); // as if left world-readable by someone else
        File.SetUnixFileMode(_folder, (UnixFileMode)0b111_101_101);
        var staging = new UploadStaging(_folder);
        using (var stream = staging.Create(".csv", out string path))
        {
            stream.WriteByte(42);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.StartsWith(staging.Folder, path);
            Assert.EndsWith(".csv", path);
        }
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_folder));
    }

    [Fact]
    public void Files_left_by_a_killed_server_are_deleted_at_the_next_start_and_nothing_else()
    {
        var before = new UploadStaging(_folder);
        using (before.Create(".csv", out _)) { }
        using (before.Create(".xlsx", out _)) { }
        File.WriteAllText(Path.Combine(_folder, "README.txt"), "not an upload");

        int deleted = new UploadStaging(_folder).DeleteOrphans();

        Assert.Equal(2, deleted);
        Assert.Equal(["README.txt"], Directory.EnumerateFiles(_folder).Select(Path.GetFileName));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
