using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using ClinicalGAM.Cli.Commands;

namespace ClinicalGAM.Cli.Support;

/// <summary>
/// The System.CommandLine tree built from each verb's option declarations, with help that adds the verb's synopsis,
/// an example and the exit codes. Bad usage is reported by <see cref="UsageErrors"/>.
/// </summary>
internal static class CliParser
{
    public const string ToolName = "clinicalgam";

    /// <summary>
    /// Response files ("@file") and POSIX bundling are off: a value such as "@cohort" or "-5:3" is read as written,
    /// as the hand-written parser did.
    /// </summary>
    public static readonly ParserConfiguration Parsing = new() { EnablePosixBundling = false, ResponseFileTokenReplacer = null };

    public static RootCommand Build(IReadOnlyList<CliCommand> verbs)
    {
        var root = new RootCommand("clinicalgam: explainable risk models (GAMs) for clinical cohorts.");
        foreach (var verb in verbs)
        {
            // "admin create-user": a group command ("admin") holding the verb's last word.
            var words = verb.Name.Split(' ');
            Command parent = root;
            foreach (var group in words[..^1])
            {
                var existing = parent.Subcommands.FirstOrDefault(c => c.Name == group);
                if (existing is null)
                {
                    existing = new Command(group, $"{group} verbs (see '{ToolName} {group} --help').");
                    parent.Subcommands.Add(existing);
                }
                parent = existing;
            }
            parent.Subcommands.Add(Verb(verb, words[^1]));
        }
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithExamples((HelpAction)help.Action!, verbs);
        return root;
    }

    /// <summary>The full verb a parsed command stands for ("fit", "admin create-user").</summary>
    public static string VerbName(Command command) =>
        command.Parents.OfType<Command>().FirstOrDefault() is { } parent and not RootCommand
            ? $"{VerbName(parent)} {command.Name}" : command.Name;

    private static Command Verb(CliCommand verb, string word)
    {
        var command = new Command(word, verb.Summary);
        var symbols = verb.Options.Select(spec => (spec, Symbol(spec))).ToList();
        foreach (var (_, symbol) in symbols) command.Options.Add(symbol);
        command.SetAction(parse =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            return CliApp.Guard(verb.Usage, stderr, () => verb.Execute(CliArguments.FromParse(parse, symbols), stdout, stderr));
        });
        return command;
    }

    private static Option Symbol(VerbOption spec)
    {
        Option option = spec.Shape switch
        {
            OptionShape.Switch => new Option<bool>(spec.Name) { Description = spec.Description },
            OptionShape.Repeatable => new Option<string[]>(spec.Name)
            {
                Description = spec.Description + " Repeat it for each.", HelpName = spec.Placeholder,
                Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false,
            },
            _ => spec.Default is { } fallback
                ? new Option<string>(spec.Name) { Description = spec.Description, HelpName = spec.Placeholder, DefaultValueFactory = _ => fallback }
                : new Option<string>(spec.Name) { Description = spec.Description, HelpName = spec.Placeholder },
        };
        if (spec.Choices.Count > 0) option.CompletionSources.Add([.. spec.Choices]);
        return option;
    }

    // After the options: the verb's notes, an example and the exit codes (on the root, every verb's synopsis).
    private sealed class HelpWithExamples(HelpAction standard, IReadOnlyList<CliCommand> verbs) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            int code = standard.Invoke(parseResult);
            Extra(parseResult.CommandResult.Command, parseResult.InvocationConfiguration.Output, verbs);
            return code;
        }
    }

    private static void Extra(Command command, TextWriter o, IReadOnlyList<CliCommand> verbs)
    {
        if (verbs.FirstOrDefault(v => command is not RootCommand && v.Name == VerbName(command)) is { } verb)
        {
            // The synopsis as the verb has always printed it, with its notes.
            o.WriteLine("Synopsis:");
            foreach (var line in verb.Usage.Split('\n')) o.WriteLine($"  {(line.StartsWith(' ') ? line.TrimStart() : $"{ToolName} {line}")}");
            o.WriteLine();
            o.WriteLine("Example:");
            o.WriteLine($"  {verb.Example}");
        }
        else
        {
            o.WriteLine("Verbs and their options (clinicalgam VERB --help explains each):");
            foreach (var v in verbs) o.WriteLine($"  {ToolName} {v.Usage.Split('\n')[0]}");
            o.WriteLine();
            o.WriteLine("Tab completion: install dotnet-suggest (see the README); clinicalgam answers its [suggest] directive.");
        }
        o.WriteLine();
        o.WriteLine("Exit codes:");
        o.WriteLine($"  {CliApp.ExitCodes}");
    }
}
