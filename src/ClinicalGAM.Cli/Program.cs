using ClinicalGAM.Cli;
using ClinicalGAM.Cli.Support;

CliCancellation.CancelOnCtrlC();
return CliApp.Run(CliVerbs.All(), args, Console.Out, Console.Error);
