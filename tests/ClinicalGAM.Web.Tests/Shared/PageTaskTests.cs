using Bunit;
using ClinicalGAM.Web.Components.Shared;

namespace ClinicalGAM.Web.Tests.Shared;

/// <summary>The upload and SQL-import pages' long task: busy while it runs, throttled progress, a stage restarts it, Cancel.</summary>
public sealed class PageTaskTests : WebTestContext
{
    [Fact]
    public async Task Progress_reaches_the_page_in_one_percent_steps_and_a_new_stage_starts_at_zero()
    {
        int refreshes = 0;
        var task = new PageTask(() => { refreshes++; return Task.CompletedTask; });
        var reports = new List<double>();
        await task.RunAsync("uploading", async _ =>
        {
            for (int i = 1; i <= 1000; i++) task.Report(i / 1000.0);
            reports.Add(task.Progress);
            task.Stage = "reading";
            reports.Add(task.Progress);
            await Task.Yield();
        });
        Assert.Equal([1.0, 0.0], reports);
        Assert.InRange(refreshes, 95, 101); // a thousand reports, about one refresh per 1%
        Assert.False(task.Busy);
        Assert.Equal("reading", task.Stage);
    }

    [Fact]
    public async Task Busy_while_running_and_idle_after_a_failure_which_the_caller_sees()
    {
        var task = new PageTask(() => Task.CompletedTask);
        bool busyInside = false;
        await Assert.ThrowsAsync<InvalidOperationException>(() => task.RunAsync("saving", _ =>
        {
            busyInside = task.Busy;
            throw new InvalidOperationException("disk full");
        }));
        Assert.True(busyInside);
        Assert.False(task.Busy);
    }

    [Fact]
    public async Task The_bar_shows_stage_and_percent_while_busy_and_its_cancel_button_cancels_the_work()
    {
        var task = new PageTask(() => Task.CompletedTask);
        var started = new TaskCompletionSource();
        var running = task.RunAsync("importing", async ct =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
        });
        await started.Task;
        var bar = Ctx.Render<TaskProgress>(p => p.Add(c => c.Work, task).Add(c => c.Id, "sql-progress").Add(c => c.CancelId, "sql-cancel"));
        Assert.Contains("importing 0%", bar.Markup);
        Assert.NotEmpty(bar.FindAll("#sql-progress"));

        bar.Find("#sql-cancel").Click();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.False(task.Busy);
        bar.Render(p => p.Add(c => c.Work, task));
        Assert.Empty(bar.FindAll("#sql-progress"));
    }
}
