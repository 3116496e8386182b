using ClinicalGAM.Cli.Commands;
using ClinicalGAM.Cli.Support;
using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Cli;

/// <summary>Dispatches to a verb and turns failures into one readable line on stderr and an exit code.</summary>
public static class CliApp
{
    public const int Ok = 0, Failed = 1, BadUsage = 2, Cancelled = 130;

    public static int Run(IReadOnlyList<ICliCommand> commands, string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            PrintHelp(commands, args.Length == 0 ? stderr : stdout);
            return args.Length == 0 ? BadUsage : Ok;
        }
        var command = commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            stderr.WriteLine($"error: unknown verb '{args[0]}'.");
            PrintHelp(commands, stderr);
            return BadUsage;
        }
        return Guard(command.Usage, stderr, () => command.Run(args[1..], stdout, stderr));
    }

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

    private static void PrintHelp(IReadOnlyList<ICliCommand> commands, TextWriter writer)
    {
        writer.WriteLine("clinicalgam: explainable risk models (GAMs) for clinical cohorts. Verbs:");
        foreach (var c in commands) writer.WriteLine($"  clinicalgam {c.Usage}");
    }
}
