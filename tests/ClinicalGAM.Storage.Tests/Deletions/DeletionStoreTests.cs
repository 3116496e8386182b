using Microsoft.EntityFrameworkCore;

namespace ClinicalGAM.Storage.Tests.Deletions;

public sealed class DeletionStoreTests
{
    // A cohort with two lineages (one edited into v2), a fit run, a Goodhart check, a validation, a stored analysis,
    // a derived feature and a saved specification; and a second cohort on which its model was validated.
    private static async Task<(int Cohort, int Other, int V1, int V2, int OtherModel)> FilledAsync(TestDatabase db)
    {
        int cohort = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(20), "deliveries", null);
        int other = await db.Cohorts.SaveAsync(SampleCohorts.Mixed(20), "second site", null);
        await db.Cohorts.AddDerivedFeatureAsync(cohort, "age_sq", "maternal_age * maternal_age");
        var v1 = await db.Models.SaveAsync(TestModels.New(cohort, "smm"));
        var v2 = await db.Models.SaveAsync(TestModels.New(cohort, "smm"));
        await db.Models.SaveAsync(TestModels.New(cohort, "pph"));
        var otherModel = await db.Models.SaveAsync(TestModels.New(other, "smm elsewhere"));
        await db.Runs.CreateAsync(cohort, """{"outcome":"smm"}""");
        await db.Flags.AppendRunAsync(v1.Id, []);
        await db.Validations.AddAsync(new NewExternalValidation { ModelId = v1.Id, CohortId = other, Rows = 20, Events = 3 });
        await db.Validations.AddAsync(new NewExternalValidation { ModelId = otherModel.Id, CohortId = cohort, Rows = 20, Events = 3 });
        await db.Analyses.AddAsync(v2.Id, "fairness", 1, "{}", "{}", "ana", 0.5);
        await db.Specs.SaveAsync("SMM default", """{"outcome":"smm"}""", cohort);
        return (cohort, other, v1.Id, v2.Id, otherModel.Id);
    }

    [Fact]
    public async Task Deleting_a_cohort_counts_and_removes_everything_made_from_it_and_keeps_the_rest()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (cohort, other, v1, _, otherModel) = await FilledAsync(db);
        await db.Audit.AppendAsync("ana", "this machine", "upload", "deliveries", "20 rows", cohortId: cohort);

        int columns = SampleCohorts.Mixed(20).Columns.Count;
        var preview = await db.Deletions.CountCohortAsync(cohort);
        var removed = await db.Deletions.DeleteCohortAsync(cohort, "ana", "this machine");

        Assert.Equal(preview, removed);
        Assert.Equal([$"{columns} columns", "1 derived feature", "3 model versions (2 models, edits included)", "1 fit run record",
            "1 Goodhart check", "1 external validation", "1 stored analysis"], removed!.Removed());
        Assert.Equal(["the audit trail", "1 saved specification (no longer tied to this cohort)",
            "1 external validation of other cohorts' models measured on it"], removed.Kept());

        await using var context = await db.ContextAsync();
        Assert.Empty(await context.Models.Where(m => m.CohortId == cohort).ToListAsync());
        Assert.Empty(await context.CohortColumns.Where(c => c.CohortId == cohort).ToListAsync());
        Assert.Equal(0, await context.CohortColumnChunks.CountAsync(k => k.Column!.CohortId == cohort));
        Assert.Empty(await context.DerivedFeatures.ToListAsync());
        Assert.Empty(await context.FitRuns.ToListAsync());
        Assert.Empty(await context.FlagRuns.ToListAsync());
        Assert.Empty(await context.AnalysisResults.ToListAsync());
        // The other cohort's model and its validation on the deleted cohort stay; the spec loses its cohort only.
        Assert.Equal(otherModel, Assert.Single(await context.ExternalValidations.ToListAsync()).ModelId);
        Assert.Null(Assert.Single(await context.ModelSpecs.ToListAsync()).CohortId);
        Assert.NotNull(await db.Cohorts.GetSummaryAsync(other));
        Assert.DoesNotContain(v1, await context.Models.Select(m => m.Id).ToListAsync());

        var trail = await db.Audit.ListAsync(cohortId: cohort);
        Assert.Equal(["delete", "upload"], trail.Select(a => a.Action));
        Assert.Equal("deliveries", trail[0].Subject);
        Assert.StartsWith($"cohort deleted with {columns} columns, 1 derived feature, 3 model versions", trail[0].Detail);
    }

    [Fact]
    public async Task Deleting_one_model_version_leaves_its_lineage_siblings_and_the_fit_run_record()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (cohort, _, v1, v2, _) = await FilledAsync(db);

        var removed = await db.Deletions.DeleteModelAsync(v1, "ana", "10.0.0.5");

        Assert.Equal("smm v1", removed!.Name);
        Assert.Equal(["1 Goodhart check", "1 external validation"], removed.Removed());
        Assert.Null(await db.Models.GetAsync(v1));
        Assert.NotNull(await db.Models.GetAsync(v2));
        Assert.Single(await db.Runs.ListAsync(cohort));
        var entry = Assert.Single(await db.Audit.ListAsync(modelId: v1));
        Assert.Equal(("delete", "smm v1", "10.0.0.5", cohort), (entry.Action, entry.Subject, entry.From, entry.CohortId));
    }

    [Fact]
    public async Task A_cohort_or_model_that_is_not_there_is_not_deleted_and_nothing_is_audited()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (cohort, _, v1, _, _) = await FilledAsync(db);

        Assert.Null(await db.Deletions.DeleteCohortAsync(cohort + 100, "ana", "here"));
        Assert.Null(await db.Deletions.DeleteModelAsync(v1 + 100, "ana", "here"));

        Assert.Empty(await db.Audit.ListAsync());
    }

    [Fact]
    public async Task From_another_project_the_cohort_and_model_are_not_found_and_stay()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (cohort, _, v1, _, _) = await FilledAsync(db); // saved outside a scope: the default project

        using (ProjectScope.Enter(new ProjectScope(ProjectRecord.DefaultId + 1, ProjectRole.Owner, "mallory", SiteAdmin: false)))
        {
            Assert.Null(await db.Deletions.CountCohortAsync(cohort));
            Assert.Null(await db.Deletions.DeleteCohortAsync(cohort, "mallory", "elsewhere"));
            Assert.Null(await db.Deletions.DeleteModelAsync(v1, "mallory", "elsewhere"));
        }

        Assert.NotNull(await db.Cohorts.GetSummaryAsync(cohort));
        Assert.NotNull(await db.Models.GetAsync(v1));
        Assert.Empty(await db.Audit.ListAsync());
    }
}
