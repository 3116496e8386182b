using System.Collections.Concurrent;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Web.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClinicalGAM.Web.Tests.Fitting;

public sealed class FitQueueTests : WebTestContext
{
    private static readonly ModelSpecification Spec = new()
    {
        Outcome = "smm", Features = ["hemoglobin_g_dl", "delivery_mode"], Engine = TrainerCatalog.Ebm, Bags = 2, Interactions = 0, Seed = 5,
    };

    [Fact]
    public async Task With_one_slot_fits_run_one_at_a_time_in_order_and_a_queued_fit_can_be_cancelled()
    {
        int cohortId = await Store.SaveCohortAsync(TestModels.Cohort200(), "c200", "test");
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ClinicalGam:MaxConcurrentFits"] = "1" }).Build();
        using var jobs = new FitJobService(Store, Ctx.Services.GetRequiredService<CohortService>(), NullLogger<FitJobService>.Instance, config);
        Assert.Equal(1, jobs.Slots);
        int running = 0, most = 0;
        var order = new ConcurrentQueue<string>();
        var seen = new ConcurrentDictionary<Guid, FitStatus>();
        bool thirdCancelledWhenQueued = false;
        jobs.Changed += j =>
        {
            // The third fit is cancelled the moment it reports itself queued (before it has a slot): it must never run.
            if (j.Name == "third" && j.Status == FitStatus.Queued && !thirdCancelledWhenQueued) { thirdCancelledWhenQueued = true; jobs.Cancel(j.Id); }
            var before = seen.GetValueOrDefault(j.Id, FitStatus.Queued);
            seen[j.Id] = j.Status;
            if (before != FitStatus.Running && j.Status == FitStatus.Running) { most = Math.Max(most, Interlocked.Increment(ref running)); order.Enqueue(j.Name); }
            if (before == FitStatus.Running && j.Status != FitStatus.Running) Interlocked.Decrement(ref running);
        };

        // The first fit is made long by construction (100 bags, cross-validated in 10 folds: 11 fits), so the third is
        // surely still in line when its task first runs: a 40-bag fit of these 200 rows could end before the third's task
        // ran at all, leaving nothing to wait for.
        var first = jobs.Start(cohortId, "first", Spec with { Bags = 100 }, crossValidationFolds: 10);
        var second = jobs.Start(cohortId, "second", Spec);
        var third = jobs.Start(cohortId, "third", Spec);
        for (int i = 0; i < 1200 && (first.IsActive || second.IsActive || third.IsActive); i++) await Task.Delay(50);

        Assert.Equal(FitStatus.Succeeded, first.Status);
        Assert.Equal(FitStatus.Succeeded, second.Status);
        Assert.True(thirdCancelledWhenQueued);
        Assert.Equal(FitStatus.Cancelled, third.Status);
        Assert.Equal(1, most); // never two at once
        Assert.Equal(["first", "second"], order);
        Assert.Null(third.ModelId);
    }

    [Fact]
    public async Task A_person_may_have_at_most_the_configured_fits_queued_and_others_still_may_start()
    {
        int cohortId = await Store.SaveCohortAsync(TestModels.Cohort200(), "c200", "test");
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            { ["ClinicalGam:MaxConcurrentFits"] = "1", ["ClinicalGam:MaxFitsPerUser"] = "2" }).Build();
        using var jobs = new FitJobService(Store, Ctx.Services.GetRequiredService<CohortService>(), NullLogger<FitJobService>.Instance, config);
        FitJob first, second;
        using (ClinicalGAM.Storage.ProjectScope.Enter(new(1, ClinicalGAM.Storage.ProjectRole.Analyst, "ann", false, "u-ann")))
        {
            first = jobs.Start(cohortId, "ann 1", Spec);
            second = jobs.Start(cohortId, "ann 2", Spec);
            var refused = Assert.Throws<FitLimitReachedException>(() => jobs.Start(cohortId, "ann 3", Spec));
            Assert.Contains("at most 2 per person", refused.Message);
        }
        using (ClinicalGAM.Storage.ProjectScope.Enter(new(1, ClinicalGAM.Storage.ProjectRole.Analyst, "ben", false, "u-ben")))
            Assert.Equal("ben", jobs.Start(cohortId, "ben 1", Spec).StartedBy);
        // Once one of ann's is over, she may start another.
        jobs.Cancel(second.Id);
        for (int i = 0; i < 300 && second.IsActive; i++) await Task.Delay(20);
        using (ClinicalGAM.Storage.ProjectScope.Enter(new(1, ClinicalGAM.Storage.ProjectRole.Analyst, "ann", false, "u-ann")))
            Assert.Equal("ann", jobs.Start(cohortId, "ann 3", Spec).StartedBy);
    }
}
