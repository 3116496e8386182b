using System.CommandLine;
using System.CommandLine.Invocation;
using ClinicalGAM.Cli.Commands;
using ClinicalGAM.Cli.Support;
using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Cli;

/// <summary>
/// Parses the command line with System.CommandLine (help, typo suggestions, tab completion) and runs the verb,
/// turning failures into one readable line on stderr and an exit code.
/// </summary>
public static class CliApp
{
    public const int Ok = 0, Failed = 1, BadUsage = 2, Cancelled = 130;

    /// <summary>The exit codes as help prints them.</summary>
    public const string ExitCodes = "0 done, 1 failed (bad data, unreadable file), 2 bad usage (unknown verb or option, bad value), 130 cancelled (Ctrl+C).";

    public static int Run(IReadOnlyList<ICliCommand> commands, string[] args, TextWriter stdout, TextWriter stderr)
    {
        var verbs = commands.Select(c => c as CliCommand
            ?? throw new ArgumentException($"'{c.Name}' must derive from {nameof(CliCommand)} to be parsed.", nameof(commands))).ToList();
        // Today's spellings stay: no arguments prints the verbs on stderr (exit 2); "help" and "help VERB" print help.
        if (args.Length == 0)
        {
            CliParser.Build(verbs).Parse(["--help"], CliParser.Parsing).Invoke(Invocation(stderr, stderr));
            return BadUsage;
        }
        if (args[0] == "help") args = args.Length > 1 ? [args[1], "--help"] : ["--help"];

        var parsed = CliParser.Build(verbs).Parse(args, CliParser.Parsing);
        if (parsed.Action is ParseErrorAction)
        {
            UsageErrors.Report(parsed, verbs, stderr);
            return BadUsage;
        }
        return parsed.Invoke(Invocation(stdout, stderr));
    }

    // Programming errors still throw (no catch-all handler): Guard decides what a user-facing failure is.
    private static InvocationConfiguration Invocation(TextWriter stdout, TextWriter stderr) =>
        new() { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };

    /// <summary>
    /// Runs a verb's body and turns its failures into one readable line on stderr and a non-zero exit code, so a
    /// command called in-process (tests, scripts) behaves like the executable. Programming errors still throw.
    /// </summary>
    public static int Guard(string usage, TextWriter stderr, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (CliUsageException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            stderr.WriteLine($"usage: clinicalgam {usage}");
            return BadUsage;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("cancelled.");
            return Cancelled;
        }
        catch (Exception e) when (e is CohortFormatException or IOException or UnauthorizedAccessException
                                       or ArgumentException or FormatException or NotSupportedException
                                       or InvalidOperationException or KeyNotFoundException
                                       or System.Text.Json.JsonException
                                       or ClinicalGAM.Core.Serialization.GamModelFormatException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return Failed;
        }
    }
}
