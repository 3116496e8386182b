namespace ClinicalGAM.Cli.Support;

/// <summary>How an option is written on the command line.</summary>
public enum OptionShape
{
    /// <summary>"--name value" or "--name=value", at most once.</summary>
    Value,
    /// <summary>"--name" alone.</summary>
    Switch,
    /// <summary>"--name value", as many times as needed (e.g. --derive, --model).</summary>
    Repeatable,
}

/// <summary>
/// One option a verb accepts, declared once: the parser, the help text (with its default) and tab completion
/// (its <see cref="Choices"/>) all read it. Values stay text here; the verb converts them with the clear
/// one-line messages of <see cref="CliArguments"/>.
/// </summary>
public sealed record VerbOption(string Name, OptionShape Shape, string Placeholder, string Description)
{
    /// <summary>What the verb uses when the option is absent, as help prints it; null when there is none.</summary>
    public string? Default { get; init; }

    /// <summary>The accepted words, offered by tab completion (checked by the verb, so its message stays the same).</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    public static VerbOption Value(string name, string placeholder, string description, string? @default = null, params string[] choices) =>
        new(name, OptionShape.Value, placeholder, description) { Default = @default, Choices = choices };

    public static VerbOption Switch(string name, string description) => new(name, OptionShape.Switch, "", description);

    public static VerbOption Repeatable(string name, string placeholder, string description) =>
        new(name, OptionShape.Repeatable, placeholder, description);
}
