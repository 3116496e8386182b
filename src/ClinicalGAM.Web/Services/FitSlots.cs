namespace ClinicalGAM.Web.Services;

/// <summary>
/// A first-come, first-served queue for a fixed number of fit slots. A place is taken when the fit is started (so
/// order is the order users pressed Start), granted when a slot frees, and given up on cancel, failure or the end.
/// </summary>
public sealed class FitSlots(int slots)
{
    private readonly object _gate = new();
    private readonly LinkedList<(object Owner, TaskCompletionSource Grant)> _waiting = new();
    private int _busy;

    public int Count { get; } = Math.Max(1, slots);

    /// <summary>Takes a place in the queue; the task completes when the slot is granted (at once when one is free).</summary>
    public Task EnterAsync(object owner, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_busy < Count && _waiting.Count == 0) { _busy++; return Task.CompletedTask; }
            var grant = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var node = _waiting.AddLast((owner, grant));
            ct.Register(() =>
            {
                lock (_gate)
                {
                    if (node.List is null) return; // already granted
                    _waiting.Remove(node);
                }
                grant.TrySetCanceled(ct);
            });
            return grant.Task;
        }
    }

    /// <summary>Gives the place or the slot back, whichever the owner holds (safe to call once in any state).</summary>
    public void Leave(object owner, Task entered)
    {
        lock (_gate)
        {
            for (var node = _waiting.First; node is not null; node = node.Next)
                if (ReferenceEquals(node.Value.Owner, owner))
                {
                    _waiting.Remove(node);
                    node.Value.Grant.TrySetCanceled();
                    return;
                }
            if (entered.Status != TaskStatus.RanToCompletion) return; // cancelled while waiting: held nothing
            if (_waiting.First is { } next)
            {
                _waiting.RemoveFirst();
                next.Value.Grant.TrySetResult(); // the slot passes straight to the next in line
            }
            else _busy--;
        }
    }
}
