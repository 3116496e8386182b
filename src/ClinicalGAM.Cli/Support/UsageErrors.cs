using System.CommandLine;
using System.CommandLine.Parsing;
using ClinicalGAM.Cli.Commands;

namespace ClinicalGAM.Cli.Support;

/// <summary>What a command line System.CommandLine could not parse is told in the hand-written parser's words.</summary>
internal static class UsageErrors
{
    /// <summary>
    /// One "error:" line per problem, the verb or option probably meant, then the usage: the parse failed before the
    /// verb ran, so nothing was read or written.
    /// </summary>
    public static void Report(ParseResult parsed, IReadOnlyList<CliCommand> verbs, TextWriter stderr)
    {
        var command = parsed.CommandResult.Command;
        var verb = command is RootCommand ? null : verbs.FirstOrDefault(v => v.Name == CliParser.VerbName(command));
        var unmatched = parsed.UnmatchedTokens;
        if (verb is null && unmatched.Count > 0)
        {
            // The other errors ("required command was not provided") only repeat this one.
            stderr.WriteLine(unmatched[0].StartsWith('-')
                ? $"error: unknown verb '{unmatched[0]}': the verb comes first (clinicalgam VERB --option value)."
                : $"error: unknown verb '{unmatched[0]}'.");
            Suggest(unmatched[0], verbs.Select(v => v.Name), stderr);
        }
        else
        {
            var options = unmatched.Where(t => t.StartsWith('-')).ToList();
            foreach (var token in options)
            {
                stderr.WriteLine($"error: Unknown option '{token}'.");
                if (verb is not null) Suggest(token, verb.Options.Select(o => o.Name), stderr);
            }
            // A stray word right after an unknown option is usually its value: the option is the news.
            if (options.Count == 0)
                foreach (var token in unmatched) stderr.WriteLine($"error: Unexpected argument '{token}'.");
            foreach (var error in parsed.Errors.Where(e => !unmatched.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal))))
                stderr.WriteLine($"error: {Reworded(error)}");
        }
        if (verb is not null)
        {
            stderr.WriteLine($"usage: {CliParser.ToolName} {verb.Usage}");
            stderr.WriteLine($"Run '{CliParser.ToolName} {verb.Name} --help' for every option with its default and an example.");
        }
        else
        {
            stderr.WriteLine("Verbs:");
            foreach (var v in verbs) stderr.WriteLine($"  {CliParser.ToolName} {v.Usage.Split('\n')[0]}");
        }
    }

    // The hand-written parser's wording, which scripts and users already know.
    private static string Reworded(ParseError error) => error.SymbolResult switch
    {
        OptionResult { Tokens.Count: 0 } o => $"Option {o.Option.Name} needs a value.",
        OptionResult { Tokens.Count: > 1 } o when o.Option.Arity.MaximumNumberOfValues == 1 => $"Option {o.Option.Name} is given twice.",
        _ => error.Message,
    };

    private static void Suggest(string typed, IEnumerable<string> known, TextWriter stderr)
    {
        var meant = TypoSuggestions.For(typed, known);
        if (meant.Count > 0) stderr.WriteLine($"Did you mean {string.Join(" or ", meant.Select(m => $"'{m}'"))}?");
    }
}
