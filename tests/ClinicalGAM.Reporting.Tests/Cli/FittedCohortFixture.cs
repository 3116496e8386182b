using ClinicalGAM.Cli.Commands;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Synthetic;

namespace ClinicalGAM.Reporting.Tests.Cli;

/// <summary>
/// A small synthetic SMM cohort and an EBM fitted on it by the `fit` verb (2 bags, no interactions: fast), in a
/// scratch folder shared by the CLI tests and deleted afterwards.
/// </summary>
public sealed class FittedCohortFixture : IDisposable
{
    public const string Features = "baby_height_ratio,hemoglobin_g_dl,systolic_bp,delivery_mode,maternal_age";

    public FittedCohortFixture()
    {
        Directory.CreateDirectory(Folder);
        using (var file = File.Create(DataPath)) CohortCsvWriter.Write(SmmCohortGenerator.Generate(1500, 11), file);
        Fit = CliRun.Run(new FitCommand(), "--data", DataPath, "--outcome", "smm", "--bags", "2", "--interactions", "0",
            "--seed", "5", "--test-fraction", "0.25", "--features", Features, "--out", ModelPath);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "clinicalgam-report-" + Guid.NewGuid().ToString("N"));
    public string DataPath => PathOf("smm.csv");
    public string ModelPath => PathOf("model.json");
    public CliResult Fit { get; }

    public string PathOf(string name) => Path.Combine(Folder, name);

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr);

internal static class CliRun
{
    public static CliResult Run(ICliCommand command, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = command.Run(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
