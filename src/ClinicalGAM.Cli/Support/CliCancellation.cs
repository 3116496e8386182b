namespace ClinicalGAM.Cli.Support;

/// <summary>Ctrl+C cancels the running verb (a long fit stops within about a second) instead of killing the process.</summary>
internal static class CliCancellation
{
    private static readonly CancellationTokenSource Source = new();

    public static CancellationToken Token => Source.Token;

    public static void CancelOnCtrlC() =>
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            Source.Cancel();
        };
}
