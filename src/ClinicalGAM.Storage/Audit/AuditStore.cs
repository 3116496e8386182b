using Microsoft.EntityFrameworkCore;

namespace ClinicalGAM.Storage;

/// <summary>Appends to and reads the audit log. There is deliberately no update or delete.</summary>
public sealed class AuditStore(IDbContextFactory<ClinicalGamDbContext> contexts, TimeProvider clock)
{
    public async Task<long> AppendAsync(string who, string from, string action, string subject, string detail,
        int? cohortId = null, int? modelId = null, CancellationToken ct = default)
    {
        var record = Entry(who, from, action, subject, detail);
        record.CohortId = cohortId;
        record.ModelId = modelId;
        return await AddAsync(record, ct);
    }

    /// <summary>
    /// A site-wide entry (sign-in, sign-out, lockout, account changes): no project, so only site administrators read
    /// it; or one about a project (a membership change) when <paramref name="projectId"/> is given.
    /// </summary>
    public async Task<long> AppendSiteAsync(string who, string from, string action, string subject, string detail,
        int? projectId = null, CancellationToken ct = default)
    {
        var record = Entry(who, from, action, subject, detail);
        record.ProjectId = projectId;
        record.SiteWide = true;
        return await AddAsync(record, ct);
    }

    /// <summary>The fields every entry has, clipped to their columns.</summary>
    internal AuditRecord Entry(string who, string from, string action, string subject, string detail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        return new AuditRecord
        {
            WhenUtc = clock.GetUtcNow().UtcDateTime, Who = Clip(who, 200), From = Clip(from, 100), Action = Clip(action, 40),
            Subject = Clip(subject, 300), Detail = Clip(detail, 2000),
        };
    }

    private async Task<long> AddAsync(AuditRecord record, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.AuditLog.Add(record);
        await db.SaveChangesAsync(ct);
        return record.Id;
    }

    /// <summary>Entries newest first, optionally of one cohort or one model.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ListAsync(int? cohortId = null, int? modelId = null, int max = 1000, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var q = db.AuditLog.AsNoTracking();
        if (cohortId is not null) q = q.Where(a => a.CohortId == cohortId);
        if (modelId is not null) q = q.Where(a => a.ModelId == modelId);
        return await q.OrderByDescending(a => a.Id).Take(max).ToListAsync(ct);
    }

    private static string Clip(string? text, int max) => text is null ? "" : text.Length <= max ? text : text[..max];
}
