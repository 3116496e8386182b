using ClinicalGAM.Cli;
using ClinicalGAM.Cli.Commands;
using ClinicalGAM.Cli.Support;

// Every verb, in the order `clinicalgam help` lists them. Add a verb by adding its ICliCommand here.
ICliCommand[] commands =
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
];

CliCancellation.CancelOnCtrlC();
return CliApp.Run(commands, args, Console.Out, Console.Error);
