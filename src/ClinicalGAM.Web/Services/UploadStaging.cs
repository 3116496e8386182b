namespace ClinicalGAM.Web.Services;

/// <summary>
/// Where uploads wait between the browser's copy and the save: a staging/ folder beside the database, readable by this
/// user only (files 0600 in a 0700 folder on Unix), rather than the shared temporary folder where any local account
/// could read a cohort. A staged file is deleted when its upload is saved, reset or its circuit ends; files left by a
/// crash or a killed server are deleted at the next start (no upload outlives the process that received it).
/// </summary>
public sealed class UploadStaging
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public UploadStaging(string folder)
    {
        Folder = Path.GetFullPath(folder);
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(Folder);
        else
        {
            Directory.CreateDirectory(Folder, OwnerOnlyFolder);
            File.SetUnixFileMode(Folder, OwnerOnlyFolder); // an existing folder keeps its mode otherwise
        }
    }

    public string Folder { get; }

    /// <summary>A new, empty staging file with the upload's extension (kept short: it only selects the reader).</summary>
    public FileStream Create(string extension, out string path)
    {
        path = Path.Combine(Folder, $"upload-{Guid.NewGuid():N}{(extension.Length <= 9 ? extension : "")}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnlyFile;
        return new FileStream(path, options);
    }

    /// <summary>Deletes every staged file: called at start-up, when no upload can be in progress. Returns how many.</summary>
    public int DeleteOrphans()
    {
        int deleted = 0;
        foreach (var file in Directory.EnumerateFiles(Folder, "upload-*"))
        {
            try { File.Delete(file); deleted++; }
            catch (IOException) { } // still open elsewhere: left for the next start
        }
        return deleted;
    }
}
