using System.Collections.Concurrent;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.Web.Tests.Fitting;

public sealed class CrossValidationJobTests : WebTestContext
{
    // One bag, no pairs: each fold fit on 160 rows takes a fraction of a second.
    private static readonly ModelSpecification Spec = new()
    {
        Outcome = "smm", Features = ["hemoglobin_g_dl", "delivery_mode"], Engine = TrainerCatalog.Ebm, Bags = 1, Interactions = 0, Seed = 13,
    };

    private static async Task WaitAsync(FitJob job)
    {
        for (int i = 0; i < 1200 && job.IsActive; i++) await Task.Delay(50);
    }

    [Fact]
    public async Task Folds_are_fitted_on_the_training_rows_and_their_auc_is_saved_with_the_final_model()
    {
        int cohortId = await Store.SaveCohortAsync(TestModels.Cohort200(), "c200", "test");
        var jobs = Ctx.Services.GetRequiredService<FitJobService>();
        var reports = new ConcurrentQueue<(double Fraction, string Stage)>();
        jobs.Changed += j => reports.Enqueue((j.Fraction, j.Stage));

        var job = jobs.Start(cohortId, "cv", Spec, 0.2, crossValidationFolds: 3);
        await WaitAsync(job);

        Assert.True(job.Status == FitStatus.Succeeded, job.Error);
        var metrics = (await Store.FindModelAsync(job.ModelId!.Value))!.Metrics;
        Assert.Equal((3, 13), (metrics.CvFolds, metrics.CvSeed));
        // The same folds of the same training rows, cross-validated directly, give the same AUCs: no test row was used.
        var table = TestModels.Cohort200();
        var labels = Modeling.BinaryLabels(table, "smm");
        var train = Modeling.Split(labels, 0.2, 13).Train;
        var direct = Modeling.CrossValidate(table, Spec, labels, train, 3, null, CancellationToken.None);
        Assert.Equal(direct.PerFold.Select(f => f.Auc), metrics.CvFoldAucs);
        Assert.Equal(metrics.CvFoldAucs.Average(), metrics.CvAucMean, 12);
        Assert.InRange(metrics.CvAucSd, 0, 0.5);
        Assert.Equal(160, metrics.TrainRows); // the final model is fitted on all training rows
        // Progress covers the folds and then the final fit, never going back.
        var running = reports.Where(r => r.Stage != "done").ToList();
        Assert.Contains(running, r => r.Stage.StartsWith("fold 3/3", StringComparison.Ordinal));
        Assert.Contains(running, r => r.Stage.StartsWith("final fit", StringComparison.Ordinal));
        for (int i = 1; i < running.Count; i++) Assert.True(running[i].Fraction >= running[i - 1].Fraction - 1e-9, $"{running[i - 1]} then {running[i]}");
    }

    [Fact]
    public async Task Cancelling_during_the_folds_saves_no_model()
    {
        int cohortId = await Store.SaveCohortAsync(TestModels.Cohort200(), "c200", "test");
        var jobs = Ctx.Services.GetRequiredService<FitJobService>();
        // The first fold report cancels: the cancellation must stop the folds, not wait for the final fit.
        jobs.Changed += j => { if (j.Stage.StartsWith("fold ", StringComparison.Ordinal)) jobs.Cancel(j.Id); };

        var job = jobs.Start(cohortId, "cv", Spec, 0.2, crossValidationFolds: 5);
        await WaitAsync(job);

        Assert.Equal(FitStatus.Cancelled, job.Status);
        Assert.Null(job.ModelId);
        Assert.Empty(await Store.ListModelsAsync(cohortId));
    }

    [Fact]
    public void One_fold_is_refused()
    {
        var jobs = Ctx.Services.GetRequiredService<FitJobService>();
        Assert.Throws<ArgumentException>(() => jobs.Start(1, "cv", Spec, 0.2, crossValidationFolds: 1));
    }
}
