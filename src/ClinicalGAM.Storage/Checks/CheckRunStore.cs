using Microsoft.EntityFrameworkCore;

namespace ClinicalGAM.Storage;

/// <summary>
/// Checks run on saved models: recorded as running when they start and closed when they end, so a server killed
/// mid-check is seen at the next start-up (<see cref="InterruptAbandonedAsync"/>). Thread-safe.
/// </summary>
public sealed class CheckRunStore(IDbContextFactory<ClinicalGamDbContext> contexts, TimeProvider clock)
{
    /// <summary>Records a check as running on the model and returns its id.</summary>
    public async Task<int> StartAsync(int modelId, string kind, string startedBy, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Models.AnyAsync(m => m.Id == modelId, ct))
            throw new KeyNotFoundException($"There is no model with id {modelId}.");
        var run = new CheckRunRecord { ModelId = modelId, Kind = kind, StartedBy = startedBy, Status = CheckRunStatus.Running, StartedUtc = Now() };
        db.CheckRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run.Id;
    }

    /// <summary>
    /// Running -> <paramref name="status"/> (finished, failed or cancelled) with a message. False when the run was not
    /// running any more (e.g. already marked interrupted): an ended run never changes again.
    /// </summary>
    public async Task<bool> EndAsync(int runId, CheckRunStatus status, string? message = null, CancellationToken ct = default)
    {
        if (status is CheckRunStatus.Running or CheckRunStatus.Interrupted)
            throw new ArgumentException("A check ends finished, failed or cancelled.", nameof(status));
        DateTime now = Now();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.CheckRuns.Where(r => r.Id == runId && r.Status == CheckRunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.FinishedUtc, now)
                .SetProperty(r => r.Message, message), ct) > 0;
    }

    /// <summary>
    /// At start-up: checks still running belong to a process that no longer exists. Marks them interrupted and returns
    /// how many there were. Call before serving requests (a check started by this process would be caught too).
    /// </summary>
    public async Task<int> InterruptAbandonedAsync(CancellationToken ct = default)
    {
        DateTime now = Now();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.CheckRuns.Where(r => r.Status == CheckRunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, CheckRunStatus.Interrupted).SetProperty(r => r.FinishedUtc, now)
                .SetProperty(r => r.Message, "server stopped"), ct);
    }

    /// <summary>The model's most recent check of this kind, or null when none was ever started.</summary>
    public async Task<CheckRunRecord?> LatestAsync(int modelId, string kind, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.CheckRuns.AsNoTracking().Where(r => r.ModelId == modelId && r.Kind == kind)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
    }

    public async Task<CheckRunRecord?> GetAsync(int runId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.CheckRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct);
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;
}
