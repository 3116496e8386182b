using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace ClinicalGAM.Core.Computing;

/// <summary>
/// A fixed set of dedicated threads for the engine's parallel loops, optionally at a lower OS priority than the rest of
/// the process. The web app uses it so that pages (and, on a laptop, the browser showing them) come before a fit or a
/// check: with the loops on pool threads at normal priority, a click on an open page took 18-24 s to reach the server
/// while a 2-thread fit ran on a 2-core machine beside a headless browser. Work queued here runs in order; a loop started
/// from one of these threads runs its items here too, its own thread taking part, so nested loops cannot deadlock.
/// </summary>
public sealed class ComputeThreads : TaskScheduler, IDisposable
{
    /// <summary>Niceness added to each thread on Linux (0 = normal, 19 = lowest); pages stay at 0.</summary>
    public const int LowerPriorityNice = 10;

    private readonly BlockingCollection<Task> _queue = new();
    private readonly Thread[] _threads;
    [ThreadStatic] private static ComputeThreads? s_current;

    public ComputeThreads(int threads, bool lowerPriority)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads));
        _threads = new Thread[threads];
        for (int i = 0; i < threads; i++)
        {
            _threads[i] = new Thread(() => Work(lowerPriority)) { IsBackground = true, Name = $"ClinicalGAM compute {i + 1}" };
            _threads[i].Start();
        }
    }

    /// <summary>Threads that run the work.</summary>
    public override int MaximumConcurrencyLevel => _threads.Length;

    /// <summary>True on one of this instance's threads.</summary>
    public bool IsCurrentThread => ReferenceEquals(s_current, this);

    /// <summary>Whether the threads run at a lower priority than the process (false where the OS refused or has no such call).</summary>
    public bool LoweredPriority { get; private set; }

    private void Work(bool lowerPriority)
    {
        s_current = this;
        if (lowerPriority) LoweredPriority = LowerThisThread() || LoweredPriority;
        foreach (var task in _queue.GetConsumingEnumerable()) TryExecuteTask(task);
    }

    protected override void QueueTask(Task task) => _queue.Add(task);

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
