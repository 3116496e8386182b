using ClinicalGAM.Cli.Commands;
using ClinicalGAM.Cli.Support;

namespace ClinicalGAM.Cli.Tests;

/// <summary>The System.CommandLine front end: help on every verb, suggestions for typos, completion, exit codes.</summary>
public class HelpAndUsageTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    public static TheoryData<string> Verbs() => [.. CliVerbs.All().Select(v => v.Name)];

    private static CliResult App(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        int code = CliApp.Run(CliVerbs.All(), args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    private static CliCommand Verb(string name) => CliVerbs.All().Single(v => v.Name == name);

    [Theory]
    [MemberData(nameof(Verbs))]
    public void Help_on_every_verb_lists_its_options_an_example_and_the_exit_codes(string verb)
    {
        foreach (var flag in new[] { "--help", "-h" })
        {
            var result = App([.. verb.Split(' '), flag]);
            Assert.Equal(0, result.ExitCode);
            Assert.Equal("", result.Stderr);
            // System.CommandLine names the root after the running executable: "clinicalgam" installed, "testhost" here.
            Assert.Contains($" {verb} [options]", result.Stdout);
            foreach (var option in Verb(verb).Options) Assert.Contains($"  {option.Name} ", result.Stdout);
            Assert.Contains("Example:\n  clinicalgam " + verb + " ", result.Stdout.ReplaceLineEndings("\n"));
            Assert.Contains("130 cancelled", result.Stdout);
        }
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public void The_synopsis_and_the_parser_name_the_same_options(string verb)
    {
        // The usage line scripts were written against, and the options the parser accepts, must not drift apart.
        var command = Verb(verb);
        var inSynopsis = System.Text.RegularExpressions.Regex.Matches(command.Usage, @"(?<![\w-])--[a-z][a-z-]*")
            .Select(m => m.Value).ToHashSet();
        Assert.Equal(inSynopsis.Order(), command.Options.Select(o => o.Name).Distinct().Order());
        Assert.Equal(command.Options.Count, command.Options.Select(o => o.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public void Each_verbs_example_parses_without_errors(string verb)
    {
        // The example help prints is a command line a user may paste: it must name the verb and only known options.
        var words = System.Text.RegularExpressions.Regex.Matches(Verb(verb).Example, "\"[^\"]*\"|\\S+")
            .Select(m => m.Value.Trim('"')).ToArray();
        string[] verbWords = verb.Split(' ');
        Assert.Equal(["clinicalgam", .. verbWords], words[..(1 + verbWords.Length)]);
        var parsed = CliParser.Build(CliVerbs.All()).Parse(words[1..], CliParser.Parsing);
        Assert.Empty(parsed.Errors);
        Assert.Equal(verb, CliParser.VerbName(parsed.CommandResult.Command));
    }

    [Fact]
    public void Help_shows_each_default_on_its_option_line()
    {
        var lines = App("fit", "--help").Stdout.Split('\n');
        Assert.Contains(lines, l => l.TrimStart().StartsWith("--seed <N>") && l.Contains("[default: 42]"));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("--engine <NAME>") && l.Contains("[default: ebm]"));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("--test-fraction <F>") && l.Contains("[default: 0.2]"));
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("--outcome") && l.Contains("[default:"));
    }

    [Fact]
    public void The_default_help_shows_is_the_one_the_verb_uses()
    {
        var seed = Verb("synth").Options.Single(o => o.Name == "--seed").Default;
        var result = CliHarness.Run(new SynthCommand(), "--rows", "20", "--out", _cli.PathOf("c.csv"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"(seed {seed})", result.Stdout);
    }

    [Fact]
    public void A_mistyped_verb_is_suggested_and_exits_2()
    {
        var result = App("fti", "--data", "x.csv");
        Assert.Equal(CliApp.BadUsage, result.ExitCode);
        Assert.Contains("error: unknown verb 'fti'.", result.Stderr);
        Assert.Contains("Did you mean 'fit'?", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void A_mistyped_option_is_suggested_exits_2_and_nothing_is_written()
    {
        string output = _cli.PathOf("c.csv");
        var result = CliHarness.Run(new SynthCommand(), "--rows", "20", "--oout", output);
        Assert.Equal(CliApp.BadUsage, result.ExitCode);
        Assert.Contains("error: Unknown option '--oout'.", result.Stderr);
        Assert.Contains("Did you mean '--out'?", result.Stderr);
        Assert.Contains("usage: clinicalgam synth", result.Stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Inline_values_and_repeated_options_keep_their_meaning()
    {
        string output = _cli.PathOf("c.csv");
        var ok = CliHarness.Run(new SynthCommand(), "--rows=25", "--seed=3", $"--out={output}");
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("Wrote 25 deliveries (seed 3)", ok.Stdout);

        var twice = CliHarness.Run(new SynthCommand(), "--rows", "5", "--rows", "6", "--out", output);
        Assert.Equal(CliApp.BadUsage, twice.ExitCode);
        Assert.Contains("error: Option --rows is given twice.", twice.Stderr);

        var missing = CliHarness.Run(new SynthCommand(), "--out");
        Assert.Equal(CliApp.BadUsage, missing.ExitCode);
        Assert.Contains("error: Option --out needs a value.", missing.Stderr);
    }

    [Fact]
    public void A_bad_value_is_one_clear_line_and_exit_2()
    {
        var result = CliHarness.Run(new SynthCommand(), "--rows", "many", "--out", _cli.PathOf("c.csv"));
        Assert.Equal(CliApp.BadUsage, result.ExitCode);
        Assert.StartsWith("error: Option --rows needs a whole number >= 1, not 'many'.", result.Stderr);
    }

    [Fact]
    public void Help_verb_and_no_arguments_keep_their_meaning()
    {
        var help = App("help", "fit");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--outcome <COL>", help.Stdout);
        var bare = App();
        Assert.Equal(CliApp.BadUsage, bare.ExitCode);
        Assert.Contains("clinicalgam fit --data", bare.Stderr);
        Assert.Equal("", bare.Stdout);
    }

    [Fact]
    public void Tab_completion_offers_options_and_their_choices()
    {
        var options = App("[suggest:8]", "fit --ou").Stdout.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["--out", "--outcome"], options);
        var objectives = App("[suggest:16]", "fit --objective ").Stdout.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["logloss", "poisson", "rmse"], objectives);
    }

    [Theory]
    [InlineData("--otucome", "--outcome")]
    [InlineData("--contrib", "--contributions")]
    [InlineData("--seeed", "--seed")]
    public void Typos_are_matched_to_the_option_meant(string typed, string meant) =>
        Assert.Equal([meant], TypoSuggestions.For(typed, ["--outcome", "--out", "--contributions", "--seed", "--sheet"]));

    [Fact]
    public void A_word_far_from_every_option_gets_no_suggestion() =>
        Assert.Empty(TypoSuggestions.For("--zzz", ["--outcome", "--out", "--seed"]));
}

/// <summary>A verb whose help promises one default while its body uses another must not pass unnoticed.</summary>
public class DeclaredDefaultTests
{
    private sealed class SeedVerb(string declared, int used) : CliCommand
    {
        public override string Name => "seeded";
        public override string Usage => "seeded [--seed N]";
        public override string Summary => "Prints its seed.";
        public override string Example => "clinicalgam seeded --seed 3";
        public override IReadOnlyList<VerbOption> Options => [VerbOption.Value("--seed", "N", "Random seed.", declared)];

        protected internal override int Execute(CliArguments a, TextWriter stdout, TextWriter stderr)
        {
            stdout.WriteLine(a.Int("--seed", used));
            return CliApp.Ok;
        }
    }

    [Fact]
    public void A_default_that_differs_from_help_throws()
    {
        var ex = Assert.Throws<System.Diagnostics.UnreachableException>(() => CliHarness.Run(new SeedVerb("7", 42)));
        Assert.Contains("'7'", ex.Message);
    }

    [Fact]
    public void The_default_help_shows_is_used_and_a_given_value_wins()
    {
        Assert.Equal("42", CliHarness.Run(new SeedVerb("42", 42)).Stdout.Trim());
        Assert.Equal("5", CliHarness.Run(new SeedVerb("7", 42), "--seed", "5").Stdout.Trim());
    }
}
