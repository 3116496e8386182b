using ClinicalGAM.Core.Computing;

namespace ClinicalGAM.Core.Tests.Computing;

public sealed class ComputeThreadsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_loop_given_compute_threads_runs_every_item_there_and_none_on_the_caller()
    {
        using var threads = new ComputeThreads(2, lowerPriority: false);
        var names = new string?[40];
        var onCaller = 0;
        await Task.Run(() =>
        {
            int caller = Environment.CurrentManagedThreadId; // the thread that calls the loop (a pool thread)
            BoundedParallel.For(names.Length, CancellationToken.None, i =>
            {
                names[i] = Thread.CurrentThread.Name;
                if (Environment.CurrentManagedThreadId == caller) Interlocked.Increment(ref onCaller);
            }, threads: threads);
        }).WaitAsync(Patience);
        Assert.All(names, n => Assert.StartsWith("ClinicalGAM compute", n));
        Assert.Equal(0, onCaller);
    }

    [Fact]
    public async Task A_short_loop_does_not_wait_behind_a_long_one()
    {
        // A fit's loop holds its workers for minutes; scoring after an edit must still run at once.
        using var threads = new ComputeThreads(2, lowerPriority: false);
        using var release = new ManualResetEventSlim();
        int holding = 0;
        var longLoop = Task.Run(() => BoundedParallel.For(2, CancellationToken.None, _ =>
        {
            Interlocked.Increment(ref holding);
            release.Wait();
        }, threads: threads));
        try
        {
            while (Volatile.Read(ref holding) < 2) await Task.Delay(5).WaitAsync(Patience);
            int done = 0;
            await Task.Run(() => BoundedParallel.For(8, CancellationToken.None, _ => Interlocked.Increment(ref done), threads: threads))
                .WaitAsync(Patience);
            Assert.Equal(8, done);
            Assert.False(longLoop.IsCompleted);
        }
        finally { release.Set(); }
        await longLoop.WaitAsync(Patience);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Nested_loops_finish(int count)
    {
        // A Goodhart detector's loop over terms whose items each fit a model with a loop over bags.
        using var threads = new ComputeThreads(count, lowerPriority: false);
        var sums = new int[6];
        await Task.Run(() => BoundedParallel.For(sums.Length, CancellationToken.None, outer =>
            BoundedParallel.For(10, CancellationToken.None, inner => Interlocked.Add(ref sums[outer], inner + 1), threads: threads),
            threads: threads)).WaitAsync(Patience);
        Assert.All(sums, s => Assert.Equal(55, s));
    }

    [Fact]
    public async Task Lowered_threads_run_at_nice_10_on_linux()
    {
        if (!OperatingSystem.IsLinux()) return; // per-thread niceness is read from /proc
        using var threads = new ComputeThreads(1, lowerPriority: true);
        int nice = int.MinValue;
        await Task.Run(() => BoundedParallel.For(1, CancellationToken.None, _ => nice = ThreadNice(), threads: threads)).WaitAsync(Patience);
        Assert.True(threads.LoweredPriority);
        Assert.Equal(ComputeThreads.LowerPriorityNice, nice);
        Assert.Equal(0, await Task.Run(ThreadNice)); // the pool's threads keep the process's priority
    }

    [Fact]
    public async Task Cancellation_and_failures_surface_as_on_the_pool()
    {
        using var threads = new ComputeThreads(2, lowerPriority: false);
        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Run(() => BoundedParallel.For(100, cts.Token, i =>
        {
            if (i == 3) cts.Cancel();
            cts.Token.ThrowIfCancellationRequested();
        }, threads: threads)).WaitAsync(Patience));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Run(() =>
            BoundedParallel.For(5, cts.Token, _ => { }, threads: threads)).WaitAsync(Patience)); // cancelled before it starts
        var failed = await Assert.ThrowsAsync<AggregateException>(() => Task.Run(() => BoundedParallel.For(10, CancellationToken.None, i =>
        {
            if (i == 7) throw new InvalidOperationException("item 7");
        }, threads: threads)).WaitAsync(Patience));
        Assert.Equal("item 7", Assert.Single(failed.InnerExceptions).Message);
    }

    /// <summary>The calling thread's niceness: field 19 of /proc/thread-self/stat (after the command name's closing parenthesis).</summary>
    private static int ThreadNice()
    {
        string stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16]); // fields from 3 (state) on: nice is field 19
    }
}
