using ClinicalGAM.Storage;

namespace ClinicalGAM.Web.Services;

/// <summary>
/// At start-up, puts the fits that were waiting in the queue when the server stopped back in line, in their order, each
/// in its own project under the person who started it: they asked for these fits and none of them had begun, so they
/// run without anyone having to ask again. (Fits that were running are not restarted: see FitRunStore.FailInterruptedAsync.)
/// In team mode a fit whose starter may no longer fit in that project (removed, or now a viewer) is not resumed.
/// </summary>
public sealed class FitQueueResume(IWorkbenchStore store, FitJobService fits, ProjectStore projects, ILogger<FitQueueResume> logger)
{
    /// <summary>Resumes the queue; returns the jobs started again. Call once, before serving requests.</summary>
    public async Task<IReadOnlyList<FitJob>> ResumeAsync(bool accountsOn, CancellationToken ct = default)
    {
        var resumed = new List<FitJob>();
        foreach (var queued in await store.ListQueuedFitsAsync(ct))
        {
            if (accountsOn && !await StillAnalystAsync(queued, ct))
            {
                await store.FinishFitRunAsync(queued.RunId, FitStatus.Failed, null,
                    $"not resumed after a restart: {queued.StartedBy} may no longer fit in this project", ct);
                logger.LogWarning("Queued fit {Run} of {Who} not resumed: no longer an analyst in project {Project}",
                    queued.RunId, queued.StartedBy, queued.ProjectId);
                continue;
            }
            resumed.Add(fits.Resume(queued));
        }
        return resumed;
    }

    private async Task<bool> StillAnalystAsync(QueuedFitEntry queued, CancellationToken ct) =>
        queued.StartedByUserId is { } userId
        && (await projects.ListForUserAsync(userId, ct)).Any(m => m.ProjectId == queued.ProjectId && m.Role >= ProjectRole.Analyst);
}
