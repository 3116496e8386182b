using ClinicalGAM.Cli.Commands;

namespace ClinicalGAM.Cli;

/// <summary>Every verb, in the order help lists them. Add a verb by adding its <see cref="CliCommand"/> here.</summary>
public static class CliVerbs
{
    public static IReadOnlyList<CliCommand> All() =>
    [
        new SynthCommand(),
        new FitCommand(),
        new ScoreCommand(),
        new ExplainCommand(),
        new InspectCommand(),
        new ImportSqlCommand(),
        new FlagsCommand(),
        new ReportCommand(),
        new ValidateCommand(),
        new ExportShapesCommand(),
        new ValueCommand(),
        new FairnessCommand(),
        new EditCommand(),
        new DiffCommand(),
        new MergeCommand(),
        new ImportModelCommand(),
        new ExportModelCommand(),
        new AdminCreateUserCommand(),
        new AdminResetPasswordCommand(),
        new AdminListUsersCommand(),
    ];
}
