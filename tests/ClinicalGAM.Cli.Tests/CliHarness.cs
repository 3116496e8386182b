using ClinicalGAM.Cli.Commands;

namespace ClinicalGAM.Cli.Tests;

/// <summary>Runs a verb in-process with captured output, in a scratch folder deleted afterwards.</summary>
public sealed class CliHarness : IDisposable
{
    public CliHarness() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "clinicalgam-cli-" + Guid.NewGuid().ToString("N"));

    public string PathOf(string name) => System.IO.Path.Combine(Folder, name);

    /// <summary>Writes a model file in the harness folder and returns its path.</summary>
    public string SaveModel(ClinicalGAM.Core.Modeling.GamModel model, string name = "model.json")
    {
        string path = PathOf(name);
        using var file = File.Create(path);
        ClinicalGAM.Core.Serialization.GamModelJson.Write(model, file);
        return path;
    }

    public string Write(string name, string text)
    {
        File.WriteAllText(PathOf(name), text);
        return PathOf(name);
    }

    public static CliResult Run(ICliCommand command, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = command.Run(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr);
