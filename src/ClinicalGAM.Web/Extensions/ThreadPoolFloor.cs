namespace ClinicalGAM.Web.Extensions;

/// <summary>
/// Fits, checks and analyses run synchronously on thread-pool threads (each parallel loop with at most one worker per
/// core, see Core's BoundedParallel). With the pool's default floor, one thread per core, all of them can be computing,
/// and a page's next task then waits until the pool decides to add a thread: up to 2 s whenever such work started (a
/// 2-core loop beside a probe task, 2 cores), and in the crash test opening three pages and starting two fits took 20-60 s
/// behind a running fit. A higher floor lets the pool start a thread for a page at once; the computing stays bounded
/// by the loops, so this adds idle threads, not load.
/// </summary>
public static class ThreadPoolFloor
{
    /// <summary>The floor set at start-up: four threads per core and eight more.</summary>
    public static int Workers => 4 * Environment.ProcessorCount + 8;

    public static void Raise()
    {
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, Workers), io);
    }
}
