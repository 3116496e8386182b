using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace ClinicalGAM.Core.Computing;

/// <summary>
/// Dedicated threads for the engine's parallel loops, optionally at a lower OS priority than the rest of the process.
/// The web app uses them so that pages (and, on a laptop, the browser showing them) come before a fit or a check: 20 ms
/// of normal-priority CPU work took 37 ms (median) beside a fit on 2 cores with the loops on the pool, 23 ms with them
/// here. A thread is added whenever work is queued and none is idle (each loop still bounds its own workers), so a short
/// loop, such as scoring after an edit, never waits behind a fit's; idle threads beyond the first few leave after 30 s.
/// A loop started from one of these threads runs here too, its own thread taking part, so nested loops cannot deadlock.
/// </summary>
public sealed class ComputeThreads : TaskScheduler, IDisposable
{
    /// <summary>Niceness added to each thread on Linux (0 = normal, 19 = lowest); pages stay at 0.</summary>
    public const int LowerPriorityNice = 10;

    private static readonly TimeSpan IdleExit = TimeSpan.FromSeconds(30);
    private readonly BlockingCollection<Task> _queue = new();
    private readonly bool _lowerPriority;
    private readonly int _keep;
    private readonly Lock _gate = new();
    private int _threads, _idle, _started;
    private bool _refused;
    [ThreadStatic] private static ComputeThreads? s_current;

    /// <param name="keep">Threads kept when idle (more are added while work waits).</param>
    /// <param name="lowerPriority">Run below the process's priority (nice +10 on Linux, below normal on Windows).</param>
    public ComputeThreads(int keep, bool lowerPriority)
    {
        if (keep < 1) throw new ArgumentOutOfRangeException(nameof(keep));
        _keep = keep;
        _lowerPriority = lowerPriority;
    }

    /// <summary>True on one of this instance's threads.</summary>
    public bool IsCurrentThread => ReferenceEquals(s_current, this);

    /// <summary>Whether the threads run below the process's priority (false if not asked, or the OS refused).</summary>
    public bool LoweredPriority => _lowerPriority && Volatile.Read(ref _started) > 0 && !Volatile.Read(ref _refused);

    protected override void QueueTask(Task task)
    {
        _queue.Add(task);
        bool add;
        lock (_gate) add = ReserveThreadIfWorkWaits();
        if (add) StartThread();
    }

    /// <summary>
    /// Counts a new thread in if more tasks wait than threads are idle (a task already run inline and still queued only
    /// adds a spare thread). Called under the gate when work is queued and each time a thread takes a task: a thread that
    /// has just taken one still counts as idle until then, and a task queued in that moment must not be left waiting.
    /// </summary>
    private bool ReserveThreadIfWorkWaits()
    {
        if (_queue.Count <= _idle || _queue.IsAddingCompleted) return false;
        _threads++;
        _idle++; // idle from now: it will take a waiting task as soon as it runs
        return true;
    }

    private void StartThread() => new Thread(Work) { IsBackground = true, Name = "ClinicalGAM compute" }.Start();

    private void Work()
    {
        s_current = this;
        if (_lowerPriority && !LowerThisThread()) Volatile.Write(ref _refused, true);
        Interlocked.Increment(ref _started);
        for (bool first = true; ; first = false)
        {
            if (!first) lock (_gate) _idle++;
            bool got = _queue.TryTake(out var task, IdleExit), add = false;
            lock (_gate)
            {
                _idle--;
                if (!got && (_threads > _keep || _queue.IsAddingCompleted))
                {
                    _threads--;
                    return;
                }
                if (got) add = ReserveThreadIfWorkWaits();
            }
            if (add) StartThread();
            if (got) TryExecuteTask(task!);
        }
    }

    // Inline only on our own threads: a pool thread must not run compute work at normal priority.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        IsCurrentThread && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    public void Dispose() => _queue.CompleteAdding();

    private static bool LowerThisThread()
    {
        try
        {
            if (OperatingSystem.IsLinux()) return setpriority(0 /* PRIO_PROCESS: one thread on Linux */, gettid(), LowerPriorityNice) == 0;
            if (OperatingSystem.IsWindows()) { Thread.CurrentThread.Priority = ThreadPriority.BelowNormal; return true; }
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { }
        return false;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setpriority(int which, int who, int prio);

    [DllImport("libc")]
    private static extern int gettid();
}
