using ClinicalGAM.Storage;

namespace ClinicalGAM.Web.Services;

/// <summary>What the confirmation shows before a delete: what goes, what stays, and why it cannot happen now (if so).</summary>
public sealed record DeletionPreview(DeletionContents Contents, string? Blocker)
{
    public bool CanProceed => Blocker is null;
}

/// <summary>
/// Deletes a cohort (with its models, runs, checks, validations and analyses) or one model version for the pages.
/// Owners only: the store refuses anyone else, whatever the page shows. A cohort with a fit running or waiting is
/// refused with the fit's name (cancel it or let it finish first) rather than cancelled behind the analyst's back.
/// Every delete is audited by the store in the same transaction; the cached tables and views are then dropped.
/// </summary>
public sealed class DeletionService(IWorkbenchStore store, FitJobService fits, CohortService cohorts, ModelViewService views)
{
    /// <summary>True when the acting user may delete (owner of the current project; outside any scope, e.g. tests, yes).</summary>
    public static bool MayDelete => ProjectScope.Current is not { } scope || scope.Allows(ProjectRole.Owner);

    public async Task<DeletionPreview> PreviewCohortAsync(int cohortId) =>
        new(await store.CountCohortDeletionAsync(cohortId) ?? throw NotThere("cohort", cohortId), RunningFit(cohortId));

    public async Task<DeletionPreview> PreviewModelAsync(int modelId) =>
        new(await store.CountModelDeletionAsync(modelId) ?? throw NotThere("model", modelId), null);

    /// <summary>Deletes the cohort; UnauthorizedAccessException for a non-owner, InvalidOperationException while it is being fitted.</summary>
    public async Task<DeletionContents> DeleteCohortAsync(int cohortId)
    {
        RequireOwner();
        if (RunningFit(cohortId) is { } blocker) throw new InvalidOperationException(blocker);
        var models = await store.ListModelsAsync(cohortId);
        var removed = await store.DeleteCohortAsync(cohortId) ?? throw NotThere("cohort", cohortId);
        cohorts.Forget(cohortId);
        foreach (var model in models) views.Forget(model.Id);
        fits.ForgetFinished(cohortId: cohortId);
        return removed;
    }

    /// <summary>Deletes one model version; UnauthorizedAccessException for a non-owner.</summary>
    public async Task<DeletionContents> DeleteModelAsync(int modelId)
    {
        RequireOwner();
        var removed = await store.DeleteModelAsync(modelId) ?? throw NotThere("model", modelId);
        views.Forget(modelId);
        fits.ForgetFinished(modelId: modelId);
        return removed;
    }

    // Checked here first for the message; the store checks again (it refuses non-owners whoever calls it).
    private static void RequireOwner()
    {
        if (!MayDelete)
            throw new UnauthorizedAccessException(
                $"Only the project's owners can delete; your role is {ProjectScope.Current!.Role.ToString().ToLowerInvariant()}.");
    }

    private string? RunningFit(int cohortId) =>
        fits.Jobs(cohortId).FirstOrDefault(j => j.IsActive) is { } job
            ? $"A fit is {(job.Status == FitStatus.Queued ? "waiting" : "running")} on this cohort (“{job.Name}”{(job.StartedBy is "" ? "" : $", started by {job.StartedBy}")}): " +
              "cancel it under Fit jobs or let it finish, then delete."
            : null;

    private static KeyNotFoundException NotThere(string kind, int id) => new($"There is no {kind} {id} in this project.");
}
