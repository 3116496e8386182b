namespace ClinicalGAM.Cli.Support;

/// <summary>The command line itself is wrong (unknown option, missing value); exit code 2 with the verb's usage.</summary>
public sealed class CliUsageException(string message) : Exception(message);
