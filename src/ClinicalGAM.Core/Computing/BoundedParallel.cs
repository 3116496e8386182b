using System.Collections.Concurrent;

namespace ClinicalGAM.Core.Computing;

/// <summary>
/// The one way the engine and the diagnostics run work in parallel: never more workers than cores (or the caller's
/// thread limit), items handed out one at a time, and a cancelled loop surfacing as cancelled.
/// Why the bound: a parallel loop without one keeps taking the shared thread pool's threads, and every thread the pool
/// adds so that other work can run (a web page's render, a database read) is taken by the loop instead. On 2 cores, 40
/// one-millisecond pool tasks in a row took 24 s behind an unbounded loop of 2-second items and 0.08 s behind the
/// same loop bounded to 2 workers; during a Goodhart check of the sample cohort a queued task waited up to 907 ms.
/// </summary>
public static class BoundedParallel
{
    /// <summary>Workers for a loop: the caller's limit if given (at least 1), else the number of cores.</summary>
    public static int Workers(int? maxThreads = null) => Math.Max(1, maxThreads ?? Environment.ProcessorCount);

    /// <summary>
    /// Where loops run when the caller names no threads: null (the default) for the shared thread pool; the web app sets
    /// dedicated lower-priority threads at start-up (see <see cref="ComputeThreads"/>).
    /// </summary>
    public static ComputeThreads? DefaultThreads { get; set; }

    /// <summary>Runs body(0) .. body(count - 1) on at most <see cref="Workers"/> threads, one item at a time to whichever is free.</summary>
    public static void For(int count, CancellationToken cancellationToken, Action<int> body, int? maxThreads = null,
        ComputeThreads? threads = null)
    {
        if (count <= 0) return;
        threads ??= DefaultThreads;
        if (threads is not null && !threads.IsCurrentThread)
        {
            // Hand the whole loop to the compute threads (the caller waits) so that none of its items runs here.
            var loop = Task.Factory.StartNew(() => For(count, cancellationToken, body, maxThreads, threads),
                cancellationToken, TaskCreationOptions.None, threads);
            try { loop.GetAwaiter().GetResult(); }
            catch (TaskCanceledException) when (cancellationToken.IsCancellationRequested) { throw new OperationCanceledException(cancellationToken); }
            return;
        }
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Workers(maxThreads) };
        if (threads is not null) options.TaskScheduler = threads;
        try
        {
            // Ranges of one item: Parallel.For hands each worker a contiguous block, so a worker on a busier core (another
            // job, the web app serving pages) would keep the whole loop waiting for its block.
            Parallel.ForEach(Partitioner.Create(0, count, rangeSize: 1), options, range =>
            {
                for (int i = range.Item1; i < range.Item2; i++) body(i);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is OperationCanceledException))
        {
            throw e.InnerExceptions[0]; // a cancelled loop reads as cancelled, not as failed
        }
    }
}
