namespace ClinicalGAM.Web.Components.Shared;

/// <summary>
/// The one long task a page runs at a time (read a file, save a cohort, run a query): whether it is busy, its stage
/// and progress for a progress bar, and Cancel. Progress reaches the page at most once per 1% so that a million-row
/// read does not queue a million renders. What a failure means stays with the page.
/// </summary>
public sealed class PageTask(Func<Task> refresh) : IDisposable
{
    private CancellationTokenSource? _cts;
    private string _stage = "";

    public bool Busy { get; private set; }
    /// <summary>What the task is doing; a new stage starts its progress at 0 (reading a file after uploading it).</summary>
    public string Stage
    {
        get => _stage;
        set { _stage = value; Progress = 0; }
    }
    /// <summary>Share done, 0 to 1.</summary>
    public double Progress { get; private set; }

    /// <summary>Runs the work with a fresh cancellation token; Busy until it ends, however it ends.</summary>
    public async Task RunAsync(string stage, Func<CancellationToken, Task> work)
    {
        _cts = new CancellationTokenSource();
        Busy = true;
        Stage = stage;
        try
        {
            await work(_cts.Token);
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>A progress sink for the work: reports arrive on the page's context (see <see cref="Report"/>).</summary>
    public IProgress<double> Reporter() => new Progress<double>(Report);

    /// <summary>Records progress and refreshes the page, at most once per 1% step (and at the end).</summary>
    public void Report(double share)
    {
        if (share - Progress < 0.01 && share < 1) return;
        Progress = share;
        _ = refresh();
    }

    public void Cancel() => _cts?.Cancel();

    // Cancelled, not disposed: work still unwinding would throw ObjectDisposedException registering on its token
    // (as a model page's plot reveal did once), and a source without a timer needs no disposing.
    public void Dispose() => _cts?.Cancel();
}
