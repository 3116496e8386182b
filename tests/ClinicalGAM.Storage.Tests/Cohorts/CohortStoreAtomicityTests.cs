using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Storage.Tests.Cohorts;

public sealed class CohortStoreAtomicityTests
{
    /// <summary>A column type the store does not know: saving it fails after earlier columns were written.</summary>
    private sealed class UnsupportedColumn(string name, int length) : CohortColumn(name, ColumnKind.Numeric)
    {
        public override int Length => length;
        public override bool IsMissing(int row) => false;
        public override string Format(int row) => "?";
        public override CohortColumn WithKind(ColumnKind kind) => this;
    }

    [Fact]
    public async Task A_column_failing_mid_save_leaves_no_cohort_behind()
    {
        await using var db = await TestDatabase.CreateAsync();
        var good = SampleCohorts.Mixed(1_000);
        var table = good.With(new UnsupportedColumn("broken", 1_000)); // last column: six were written before it

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => db.Cohorts.SaveAsync(table, "doomed", null));

        Assert.Contains("broken", error.Message);
        await AssertNothingSaved(db);
    }

    [Fact]
    public async Task Cancelling_mid_save_leaves_no_cohort_behind()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var cts = new CancellationTokenSource();
        var reports = new List<double>();
        // Cancel as soon as the first column is written (Progress<T> would post asynchronously; this reports inline).
        var progress = new InlineProgress(p => { reports.Add(p); cts.Cancel(); });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => db.Cohorts.SaveAsync(SampleCohorts.Mixed(1_000), "cancelled", null, progress, cts.Token));

        Assert.Single(reports); // it really was mid-way
        await AssertNothingSaved(db);
    }

    [Fact]
    public async Task Other_readers_see_a_cohort_only_once_its_save_has_committed()
    {
        await using var db = await TestDatabase.CreateAsync();
        int existing = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(50), "existing", null);
        var seenMidSave = new List<int>();
        var reports = new List<double>();
        // Runs on the saving thread while its write transaction is open: a page listing cohorts at that moment.
        var progress = new InlineProgress(p =>
        {
            reports.Add(p);
            if (reports.Count == 1) seenMidSave.AddRange(db.Cohorts.ListAsync().GetAwaiter().GetResult().Select(c => c.Id));
        });

        int saved = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(500), "new", null, progress);

        Assert.Equal([existing], seenMidSave);
        Assert.Equal([saved, existing], (await db.Cohorts.ListAsync()).Select(c => c.Id));
        Assert.Equal(7, reports.Count);
        Assert.Equal(1.0, reports[^1]);
        Assert.Equal(reports.Order(), reports);
    }

    [Fact]
    public async Task A_failed_save_does_not_disturb_an_existing_cohort()
    {
        await using var db = await TestDatabase.CreateAsync();
        var kept = SampleCohorts.Mixed(200);
        int id = await db.Cohorts.SaveAsync(kept, "kept", null);

        await Assert.ThrowsAsync<NotSupportedException>(
            () => db.Cohorts.SaveAsync(kept.With(new UnsupportedColumn("x", 200)), "doomed", null));

        Assert.Equal([id], (await db.Cohorts.ListAsync()).Select(c => c.Id));
        CohortAssert.Identical(kept, await db.Cohorts.LoadAsync(id));
    }

    private static async Task AssertNothingSaved(TestDatabase db)
    {
        Assert.Empty(await db.Cohorts.ListAsync());
        await using var ctx = await db.ContextAsync();
        Assert.Equal(0, ctx.Cohorts.Count());
        Assert.Equal(0, ctx.CohortColumns.Count());
        Assert.Equal(0, ctx.CohortColumnChunks.Count());
    }

    private sealed class InlineProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
