using System.Collections.Concurrent;

namespace ClinicalGAM.Web.Services;

/// <summary>State shared by the background tasks run on a saved model (black-box reference, Goodhart check).</summary>
public abstract class ModelTaskRun
{
    public required int ModelId { get; init; }
    public bool IsRunning { get; internal set; } = true;
    public string? Error { get; internal set; }
    internal CancellationTokenSource Cancellation { get; } = new();
}

/// <summary>
/// At most one running task of a kind per model, outliving the page that started it: starting again while one runs
/// returns the running one; a finished one is replaced.
/// </summary>
internal sealed class ModelTaskRuns<TRun> where TRun : ModelTaskRun
{
    private readonly ConcurrentDictionary<int, TRun> _runs = new();
    private readonly Lock _gate = new();

    public TRun? Find(int modelId) => _runs.GetValueOrDefault(modelId);

    public TRun Start(int modelId, Func<TRun> create, Func<TRun, Task> work)
    {
        TRun run;
        lock (_gate)
        {
            if (_runs.TryGetValue(modelId, out var existing) && existing.IsRunning) return existing;
            run = create();
            _runs[modelId] = run;
        }
        _ = Task.Run(() => work(run));
        return run;
    }

    /// <summary>Shows a finished run loaded from storage, unless this server already has one for the model.</summary>
    public TRun Restore(int modelId, TRun finished) => _runs.GetOrAdd(modelId, finished);

    public void Cancel(int modelId)
    {
        if (_runs.TryGetValue(modelId, out var run)) run.Cancellation.Cancel();
    }
}
