using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClinicalGAM.Storage;

/// <summary>
/// Background fit runs: Queued -> Running -> Succeeded | Failed | Cancelled. A finished run never changes again.
/// Progress writes are throttled so a fit reporting thousands of rounds costs a handful of database writes.
/// Thread-safe; register as a singleton (the throttle state lives here).
/// </summary>
public sealed class FitRunStore(IDbContextFactory<ClinicalGamDbContext> contexts, TimeProvider clock)
{
    /// <summary>Minimum time between two progress writes of one run (a stage change is always written).</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);

    public const string InterruptedMessage = "interrupted by restart";

    private readonly ConcurrentDictionary<int, (long Timestamp, string? Stage)> _lastWrite = new();

    /// <summary>Records a new queued run and returns its id.</summary>
    public async Task<int> CreateAsync(int cohortId, string specJson, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(specJson);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var run = new FitRunRecord
        {
            CohortId = cohortId,
            SpecJson = specJson,
            Status = FitRunStatus.Queued,
            CreatedUtc = Now(),
        };
        db.FitRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run.Id;
    }

    /// <summary>
    /// Records a fit joining the queue with all the user asked for (name, test fraction, folds, who), so a restart can
    /// resume it (<see cref="ListResumableAsync"/>). Returns its id.
    /// </summary>
    public async Task<int> QueueAsync(QueuedFit fit, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentException.ThrowIfNullOrWhiteSpace(fit.SpecJson);
        ArgumentException.ThrowIfNullOrWhiteSpace(fit.Name);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var run = new FitRunRecord
        {
            CohortId = fit.CohortId,
            SpecJson = fit.SpecJson,
            Status = FitRunStatus.Queued,
            CreatedUtc = fit.QueuedUtc ?? Now(),
            Name = fit.Name,
            TestFraction = fit.TestFraction,
            CrossValidationFolds = fit.CrossValidationFolds,
            StartedBy = fit.StartedBy,
            StartedByUserId = fit.StartedByUserId,
        };
        db.FitRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run.Id;
    }

    /// <summary>
    /// Fits waiting in the queue that a restart left behind, in the order they joined it (<see cref="QueuedFit.QueuedUtc"/>; every project's when no
    /// scope is set, as at start-up). Each has its name, test fraction and starter, so it can start as asked.
    /// </summary>
    public async Task<IReadOnlyList<FitRunRecord>> ListResumableAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.FitRuns.AsNoTracking()
            .Where(r => r.Status == FitRunStatus.Queued && r.Name != null && r.TestFraction != null)
            .OrderBy(r => r.CreatedUtc).ThenBy(r => r.Id).ToListAsync(ct);
    }

    /// <summary>Queued -> Running. False when the run is not queued (e.g. cancelled before it started).</summary>
    public async Task<bool> MarkRunningAsync(int runId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        DateTime now = Now();
        return await db.FitRuns.Where(r => r.Id == runId && r.Status == FitRunStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, FitRunStatus.Running).SetProperty(r => r.StartedUtc, now), ct) > 0;
    }

    /// <summary>
    /// Records progress of a running run, at most once per <see cref="ProgressInterval"/> unless the stage changed,
    /// and never lower than what is already recorded. Returns true when it was written.
    /// </summary>
    public async Task<bool> ReportProgressAsync(int runId, double fraction, string? stage, CancellationToken ct = default)
    {
        long now = clock.GetTimestamp();
        if (_lastWrite.TryGetValue(runId, out var last) && last.Stage == stage
            && clock.GetElapsedTime(last.Timestamp, now) < ProgressInterval)
            return false;
        _lastWrite[runId] = (now, stage);

        double p = double.IsNaN(fraction) ? 0 : Math.Clamp(fraction, 0, 1);
        await using var db = await contexts.CreateDbContextAsync(ct);
        try
        {
            // Never backwards: fire-and-forget reports may land out of order.
            return await db.FitRuns.Where(r => r.Id == runId && r.Status == FitRunStatus.Running && r.Progress <= p)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Progress, p).SetProperty(r => r.Stage, stage), ct) > 0;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SQLITE_BUSY or SQLITE_LOCKED)
        {
            // Progress is best effort: a long write elsewhere (a million-row upload) must not fail the fit.
            return false;
        }
    }

    private const int SQLITE_BUSY = 5, SQLITE_LOCKED = 6;

    /// <summary>Running (or queued) -> Succeeded with its model. False when the run had already finished.</summary>
    public Task<bool> MarkSucceededAsync(int runId, int modelId, CancellationToken ct = default) =>
        FinishAsync(runId, FitRunStatus.Succeeded, modelId, error: null, ct);

    /// <summary>-> Failed with the error the user will read. False when the run had already finished.</summary>
    public Task<bool> MarkFailedAsync(int runId, string error, CancellationToken ct = default) =>
        FinishAsync(runId, FitRunStatus.Failed, modelId: null, error, ct);

    /// <summary>-> Cancelled. False when the run had already finished.</summary>
    public Task<bool> MarkCancelledAsync(int runId, CancellationToken ct = default) =>
        FinishAsync(runId, FitRunStatus.Cancelled, modelId: null, error: null, ct);

    private async Task<bool> FinishAsync(int runId, FitRunStatus status, int? modelId, string? error, CancellationToken ct)
    {
        _lastWrite.TryRemove(runId, out _);
        DateTime now = Now();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.FitRuns
            .Where(r => r.Id == runId && (r.Status == FitRunStatus.Queued || r.Status == FitRunStatus.Running))
            .ExecuteUpdateAsync(s =>
            {
                s.SetProperty(r => r.Status, status)
                 .SetProperty(r => r.FinishedUtc, now)
                 .SetProperty(r => r.ModelId, modelId)
                 .SetProperty(r => r.ErrorMessage, error);
                if (status == FitRunStatus.Succeeded) s.SetProperty(r => r.Progress, 1.0);
            }, ct) > 0;
    }

    /// <summary>
    /// At start-up: runs still running belong to a process that no longer exists. Marks them failed with "interrupted
    /// by restart" (the fits page offers to re-run them) and returns how many there were. Queued runs recorded with
    /// what is needed to start them (<see cref="QueueAsync"/>) stay queued for the web app to resume; queued runs
    /// without it (older versions) are interrupted too.
    /// </summary>
    // Running fits are not restarted by themselves: the fit may be what brought the server down (memory), so starting
    // it again unasked could crash the server again at every start; and hours of work redone without a word is not
    // what a clinician who may have moved on expects. A queued fit never started: resuming it repeats nothing.
    public async Task<int> FailInterruptedAsync(CancellationToken ct = default)
    {
        DateTime now = Now();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.FitRuns
            .Where(r => r.Status == FitRunStatus.Running
                        || (r.Status == FitRunStatus.Queued && (r.Name == null || r.TestFraction == null)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, FitRunStatus.Failed)
                .SetProperty(r => r.ErrorMessage, InterruptedMessage)
                .SetProperty(r => r.FinishedUtc, now), ct);
    }

    /// <summary>Runs cut short by a restart that nobody has re-run or dismissed yet, newest first.</summary>
    public async Task<IReadOnlyList<FitRunRecord>> ListInterruptedAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.FitRuns.AsNoTracking().Where(r => r.ErrorMessage == InterruptedMessage).OrderByDescending(r => r.Id).ToListAsync(ct);
    }

    /// <summary>Records what became of an interrupted run ("re-run as ...", "dismissed"); false when it was not pending.</summary>
    public async Task<bool> ResolveInterruptedAsync(int runId, string note, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.FitRuns.Where(r => r.Id == runId && r.ErrorMessage == InterruptedMessage)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ErrorMessage, $"{InterruptedMessage}; {note}"), ct) > 0;
    }

    public async Task<FitRunRecord?> GetAsync(int runId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.FitRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct);
    }

    /// <summary>Runs of one cohort (or of all cohorts when null), newest first.</summary>
    public async Task<IReadOnlyList<FitRunRecord>> ListAsync(int? cohortId = null, int max = 100, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var runs = db.FitRuns.AsNoTracking();
        if (cohortId is not null) runs = runs.Where(r => r.CohortId == cohortId);
        return await runs.OrderByDescending(r => r.Id).Take(max).ToListAsync(ct);
    }

    /// <summary>Queued and running runs, oldest first.</summary>
    public async Task<IReadOnlyList<FitRunRecord>> ListActiveAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.FitRuns.AsNoTracking()
            .Where(r => r.Status == FitRunStatus.Queued || r.Status == FitRunStatus.Running)
            .OrderBy(r => r.Id).ToListAsync(ct);
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;
}
