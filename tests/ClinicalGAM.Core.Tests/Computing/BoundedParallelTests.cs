using System.Text.RegularExpressions;
using ClinicalGAM.Core.Computing;

namespace ClinicalGAM.Core.Tests.Computing;

public sealed class BoundedParallelTests
{
    [Fact]
    public void Every_item_runs_once()
    {
        var runs = new int[500];
        BoundedParallel.For(runs.Length, CancellationToken.None, i => Interlocked.Increment(ref runs[i]));
        Assert.All(runs, r => Assert.Equal(1, r));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Never_more_workers_at_once_than_allowed(int maxThreads)
    {
        // Items that wait keep the loop asking for workers: without the bound a second one joins at once.
        int running = 0, most = 0;
        BoundedParallel.For(12, CancellationToken.None, _ =>
        {
            int now = Interlocked.Increment(ref running);
            int seen;
            while ((seen = Volatile.Read(ref most)) < now && Interlocked.CompareExchange(ref most, now, seen) != seen) { }
            Thread.Sleep(20);
            Interlocked.Decrement(ref running);
        }, maxThreads);
        Assert.InRange(most, 1, maxThreads);
    }

    [Fact]
    public void Workers_default_to_the_cores_and_never_fall_below_one()
    {
        Assert.Equal(Environment.ProcessorCount, BoundedParallel.Workers());
        Assert.Equal(3, BoundedParallel.Workers(3));
        Assert.Equal(1, BoundedParallel.Workers(0));
    }

    [Fact]
    public void A_cancelled_loop_throws_cancelled_not_aggregate()
    {
        using var cts = new CancellationTokenSource();
        var thrown = Assert.ThrowsAny<OperationCanceledException>(() => BoundedParallel.For(100, cts.Token, i =>
        {
            if (i == 3) cts.Cancel();
            cts.Token.ThrowIfCancellationRequested();
        }));
        Assert.Equal(cts.Token, thrown.CancellationToken);
    }

    [Fact]
    public void A_failing_item_surfaces_its_exception()
    {
        var thrown = Assert.Throws<AggregateException>(() => BoundedParallel.For(10, CancellationToken.None, i =>
        {
            if (i == 7) throw new InvalidOperationException("item 7");
        }));
        Assert.Equal("item 7", Assert.Single(thrown.InnerExceptions).Message);
    }

    /// <summary>
    /// Every parallel loop in the product goes through <see cref="BoundedParallel"/>: a loop without a bound takes the
    /// thread pool's threads from the web app (see its summary). PLINQ is bounded to the cores by default.
    /// </summary>
    [Fact]
    public void No_parallel_loop_in_the_product_bypasses_the_bound()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ClinicalGAM.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var src = Path.Combine(dir.FullName, "src");
        var loop = new Regex(@"\bParallel\.(For|ForEach|ForAsync|ForEachAsync|Invoke)\b|new\s+ParallelOptions\b");
        char sep = Path.DirectorySeparatorChar;
        var sources = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{sep}obj{sep}") && !f.Contains($"{sep}bin{sep}"))
            .ToList();
        Assert.True(sources.Count > 100, "the source folder was not found whole");
        var offenders = sources
            .Where(f => Path.GetFileName(f) != "BoundedParallel.cs")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => loop.IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(src, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.Empty(offenders);
    }
}
