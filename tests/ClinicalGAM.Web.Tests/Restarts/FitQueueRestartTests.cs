using System.Collections.Concurrent;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Storage;
using ClinicalGAM.Web.Services;
using Microsoft.Data.Sqlite;

namespace ClinicalGAM.Web.Tests.Restarts;

/// <summary>
/// Team mode, one fit at a time, two fits per person: the server dies with one fit running and three waiting. The
/// restarted server lists the running one as interrupted (re-run on request), runs the waiting ones of people still
/// allowed to fit, in their order, one at a time, each in its project under its starter, without anyone asking again.
/// </summary>
public sealed class FitQueueRestartTests : IAsyncLifetime
{
    private const string Password = "Correct-Horse-42-battery";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"web-restart-{Guid.NewGuid():N}");
    private string DatabasePath => Path.Combine(_dir, "app.db");

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["ClinicalGam:Accounts"] = "true", ["ClinicalGam:MaxConcurrentFits"] = "1", ["ClinicalGam:MaxFitsPerUser"] = "2",
    };

    private static ModelSpecification Spec(int bags, int interactions = 0) => new()
    {
        Outcome = "smm", Features = ["hemoglobin_g_dl", "delivery_mode"], Engine = TrainerCatalog.Ebm, Bags = bags,
        Interactions = interactions, Seed = 5,
    };

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Fits_waiting_at_a_crash_resume_in_order_in_their_project_and_the_running_one_is_offered_for_re_run()
    {
        int project, cohort;
        int running, annFirst, benWaiting, annSecond;
        ProjectScope ann, ben;
        await using (var before = new RestartableServer(DatabasePath, Settings))
        {
            await before.StartAsync(accountsOn: true);
            var accounts = before.Get<AccountStore>();
            foreach (var email in new[] { "ann@h.example", "ben@h.example" })
                Assert.True((await accounts.CreateUserAsync(email, Password, false, "test", "test")).Succeeded);
            var ids = (await accounts.ListAsync()).ToDictionary(a => a.Email, a => a.Id);
            var projects = before.Get<ProjectStore>();
            project = await projects.CreateAsync("Obstetric audit", ids["ann@h.example"]);
            Assert.True(await projects.SetMemberAsync(project, "ben@h.example", ProjectRole.Analyst));
            ann = new ProjectScope(project, ProjectRole.Owner, "ann@h.example", false, ids["ann@h.example"]);
            ben = new ProjectScope(project, ProjectRole.Analyst, "ben@h.example", false, ids["ben@h.example"]);

            var jobs = before.Get<FitJobService>();
            using (ProjectScope.Enter(ann)) cohort = await before.Store.SaveCohortAsync(TestModels.Cohort200(), "c200", "test");
            FitJob[] started;
            using (ProjectScope.Enter(ben)) started = [jobs.Start(cohort, "long", Spec(bags: 400, interactions: 3))];
            using (ProjectScope.Enter(ann)) started = [.. started, jobs.Start(cohort, "ann 1", Spec(40))];
            using (ProjectScope.Enter(ben)) started = [.. started, jobs.Start(cohort, "ben 1", Spec(2))];
            using (ProjectScope.Enter(ann)) started = [.. started, jobs.Start(cohort, "ann 2", Spec(40))];
            for (int i = 0; i < 400 && !(started[0].Status == FitStatus.Running && started.Skip(1).All(j => j.Stage.StartsWith("waiting", StringComparison.Ordinal))); i++)
                await Task.Delay(25);
            Assert.Equal(FitStatus.Running, started[0].Status);
            (running, annFirst, benWaiting, annSecond) = (started[0].RunId!.Value, started[1].RunId!.Value, started[2].RunId!.Value, started[3].RunId!.Value);

            before.Crash(); // kill -9: nothing more is written by this server
            // While it was down, ben lost the right to fit in the project.
            Assert.True(await projects.SetMemberAsync(project, "ben@h.example", ProjectRole.Viewer));
        }

        await using var after = new RestartableServer(DatabasePath, Settings);
        var order = new ConcurrentQueue<string>();
        int now = 0, most = 0;
        var seen = new ConcurrentDictionary<Guid, FitStatus>();
        after.Get<FitJobService>().Changed += j =>
        {
            var was = seen.GetValueOrDefault(j.Id, FitStatus.Queued);
            seen[j.Id] = j.Status;
            if (was != FitStatus.Running && j.Status == FitStatus.Running) { most = Math.Max(most, Interlocked.Increment(ref now)); order.Enqueue(j.Name); }
            if (was == FitStatus.Running && j.Status != FitStatus.Running) Interlocked.Decrement(ref now);
        };
        var (startup, resumed) = await after.StartAsync(accountsOn: true);

        Assert.Equal(1, startup.InterruptedRuns);
        Assert.Equal([annFirst, annSecond], resumed.Select(j => j.RunId!.Value));
        Assert.All(resumed, j => Assert.Equal((project, "ann@h.example", true), (j.ProjectId, j.StartedBy, j.Resumed)));
        // Resumed fits count against their starter: ann already has her two (40 bags each: still running or waiting now).
        using (ProjectScope.Enter(ann))
            Assert.Throws<FitLimitReachedException>(() => after.Get<FitJobService>().Start(cohort, "ann 3", Spec(2)));

        for (int i = 0; i < 1200 && resumed.Any(j => j.IsActive); i++) await Task.Delay(50);
        Assert.All(resumed, j => Assert.Equal(FitStatus.Succeeded, j.Status));
        Assert.Equal(["ann 1", "ann 2"], order);
        Assert.Equal(1, most);

        var runs = after.Get<FitRunStore>();
        foreach (var job in resumed)
        {
            var run = (await runs.GetAsync(job.RunId!.Value))!;
            Assert.Equal((FitRunStatus.Succeeded, project, job.ModelId), (run.Status, run.ProjectId, run.ModelId));
        }
        Assert.Equal(project, (await after.Get<ModelStore>().GetAsync(resumed[0].ModelId!.Value))!.ProjectId);
        var notResumed = (await runs.GetAsync(benWaiting))!;
        Assert.Equal(FitRunStatus.Failed, notResumed.Status);
        Assert.Contains("not resumed", notResumed.ErrorMessage);
        using (ProjectScope.Enter(ann))
            Assert.Equal([running], (await after.Store.ListInterruptedFitsAsync()).Select(f => f.RunId));
        Assert.Empty(await runs.ListResumableAsync());
    }
}
