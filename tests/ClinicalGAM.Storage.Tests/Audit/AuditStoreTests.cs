using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClinicalGAM.Storage.Tests.Audit;

public sealed class AuditStoreTests
{
    [Fact]
    public async Task Entries_are_listed_newest_first_by_cohort_or_model_and_survive_deleting_the_cohort()
    {
        await using var db = await TestDatabase.CreateAsync();
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(10), "deliveries", null);
        await db.Audit.AppendAsync("ana", "this machine", "upload", "deliveries", "10 rows", cohortId: cohort);
        db.Clock.Advance(TimeSpan.FromMinutes(1));
        await db.Audit.AppendAsync("ana", "this machine", "fit", "smm v1", "ebm, seed 42", cohortId: cohort, modelId: 7);
        await db.Audit.AppendAsync("ben", "10.0.0.5", "download", "smm v1", "report.html", modelId: 7);

        Assert.Equal(["download", "fit", "upload"], (await db.Audit.ListAsync()).Select(a => a.Action));
        Assert.Equal(["fit", "upload"], (await db.Audit.ListAsync(cohortId: cohort)).Select(a => a.Action));
        Assert.Equal(["ben", "ana"], (await db.Audit.ListAsync(modelId: 7)).Select(a => a.Who));

        Assert.True(await db.Cohorts.DeleteAsync(cohort));
        await db.Audit.AppendAsync("ana", "this machine", "delete", "deliveries", "cohort deleted", cohortId: cohort);
        Assert.Equal(["delete", "fit", "upload"], (await db.Audit.ListAsync(cohortId: cohort)).Select(a => a.Action));
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_remove_an_entry()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Audit.AppendAsync("ana", "this machine", "upload", "deliveries", "");
        await using var context = await db.ContextAsync();
        var update = await Assert.ThrowsAsync<SqliteException>(() => context.Database.ExecuteSqlRawAsync("UPDATE AuditLog SET Who = 'mallory'"));
        Assert.Contains("append-only", update.Message);
        var delete = await Assert.ThrowsAsync<SqliteException>(() => context.Database.ExecuteSqlRawAsync("DELETE FROM AuditLog"));
        Assert.Contains("append-only", delete.Message);
        Assert.Equal("ana", Assert.Single(await db.Audit.ListAsync()).Who);
    }
}
