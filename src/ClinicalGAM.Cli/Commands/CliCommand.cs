using ClinicalGAM.Cli.Support;

namespace ClinicalGAM.Cli.Commands;

/// <summary>
/// A verb declared once: its options (<see cref="Options"/>), a one-line summary and an example for help, and the
/// body (<see cref="Execute"/>) that reads the parsed options. <see cref="Run"/> goes through the same
/// System.CommandLine parser as the executable, so a test calling it sees what a user sees.
/// </summary>
public abstract class CliCommand : ICliCommand
{
    public abstract string Name { get; }

    /// <summary>The synopsis; lines after the first are notes that help prints under "Notes:".</summary>
    public abstract string Usage { get; }

    /// <summary>One sentence, in the clinician's or statistician's words, shown in the verb list and on top of its help.</summary>
    public abstract string Summary { get; }

    /// <summary>A complete command line that works on the bundled sample data (help prints it under "Example:").</summary>
    public abstract string Example { get; }

    public abstract IReadOnlyList<VerbOption> Options { get; }

    public int Run(string[] args, TextWriter stdout, TextWriter stderr) => CliApp.Run([this], [.. Name.Split(' '), .. args], stdout, stderr);

    /// <summary>The verb's work on options already parsed; failures throw and <see cref="CliApp.Guard"/> reports them.</summary>
    protected internal abstract int Execute(CliArguments a, TextWriter stdout, TextWriter stderr);
}
