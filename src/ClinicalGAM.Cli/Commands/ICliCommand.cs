namespace ClinicalGAM.Cli.Commands;

/// <summary>One CLI verb. Run returns the process exit code; errors go to stderr with a non-zero code.</summary>
public interface ICliCommand
{
    string Name { get; }
    string Usage { get; }
    int Run(string[] args, TextWriter stdout, TextWriter stderr);
}
