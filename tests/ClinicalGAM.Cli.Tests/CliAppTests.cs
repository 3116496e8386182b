using ClinicalGAM.Cli.Commands;
using ClinicalGAM.Cli.Support;

namespace ClinicalGAM.Cli.Tests;

public class CliAppTests
{
    private static readonly ICliCommand[] Commands = [new SynthCommand(), new FitCommand(), new ScoreCommand(), new ExplainCommand(), new InspectCommand()];

    [Fact]
    public void Unknown_verb_lists_the_verbs_and_fails()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(2, CliApp.Run(Commands, ["train"], stdout, stderr));
        Assert.Contains("unknown verb 'train'", stderr.ToString());
        Assert.Contains("clinicalgam score", stderr.ToString());
    }

    [Fact]
    public void Help_lists_every_verb_on_stdout()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, CliApp.Run(Commands, ["help"], stdout, new StringWriter()));
        foreach (var c in Commands) Assert.Contains(c.Usage.Split('\n')[0], stdout.ToString());
    }

    [Fact]
    public void Arguments_accept_inline_values_switches_and_lists()
    {
        var a = CliArguments.Parse(["--features=a, b,,c", "--contributions", "--seed", "7"], ["--features", "--seed"], ["--contributions"]);
        Assert.Equal(["a", "b", "c"], a.List("--features"));
        Assert.True(a.Has("--contributions"));
        Assert.Equal(7, a.Int("--seed", 0));
        Assert.Null(a.Optional("--out"));
    }

    [Fact]
    public void Repeated_option_is_refused()
    {
        Assert.Throws<CliUsageException>(() => CliArguments.Parse(["--seed", "1", "--seed", "2"], ["--seed"]));
    }
}
