using Microsoft.EntityFrameworkCore;

namespace ClinicalGAM.Storage;

/// <summary>A project as one member sees it.</summary>
public sealed record ProjectMembership(int ProjectId, string ProjectName, ProjectRole Role);

/// <summary>A member as the project's owner sees it.</summary>
public sealed record ProjectMember(string UserId, string Email, ProjectRole Role);

/// <summary>Projects and their members. Callers check who may change what (owners change members).</summary>
public sealed class ProjectStore(IDbContextFactory<ClinicalGamDbContext> contexts, TimeProvider clock)
{
    /// <summary>Creates a project with <paramref name="ownerUserId"/> as its owner and returns its id.</summary>
    public async Task<int> CreateAsync(string name, string ownerUserId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var project = new ProjectRecord { Name = name.Trim(), CreatedUtc = now };
        project.Members.Add(new ProjectMemberRecord { UserId = ownerUserId, Role = ProjectRole.Owner, AddedUtc = now });
        db.Projects.Add(project);
        await db.SaveChangesAsync(ct);
        return project.Id;
    }

    public async Task<string?> NameAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Projects.Where(p => p.Id == projectId).Select(p => p.Name).FirstOrDefaultAsync(ct);
    }

    /// <summary>The projects an account belongs to, by name.</summary>
    public async Task<IReadOnlyList<ProjectMembership>> ListForUserAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.ProjectMembers.AsNoTracking().Where(m => m.UserId == userId)
            .Select(m => new { m.ProjectId, m.Project!.Name, m.Role }).ToListAsync(ct);
        return rows.Select(r => new ProjectMembership(r.ProjectId, r.Name, r.Role)).OrderBy(r => r.ProjectName, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<IReadOnlyList<ProjectMember>> MembersAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.ProjectMembers.AsNoTracking().Where(m => m.ProjectId == projectId)
            .Select(m => new { m.UserId, m.User!.Email, m.Role }).ToListAsync(ct);
        return rows.Select(r => new ProjectMember(r.UserId, r.Email ?? "", r.Role)).OrderBy(r => r.Email, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// Adds the account with this e-mail to the project, or changes its role. Returns false when no account has that
    /// e-mail. Refuses (InvalidOperationException) to leave the project without an owner.
    /// </summary>
    public async Task<bool> SetMemberAsync(int projectId, string email, ProjectRole role, CancellationToken ct = default)
    {
        if (role == ProjectRole.None) throw new ArgumentOutOfRangeException(nameof(role), "Remove the member instead.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        string normalized = email.Trim().ToUpperInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        if (user is null) return false;
        var member = await db.ProjectMembers.FindAsync([projectId, user.Id], ct);
        if (member is null)
            db.ProjectMembers.Add(new ProjectMemberRecord { ProjectId = projectId, UserId = user.Id, Role = role, AddedUtc = clock.GetUtcNow().UtcDateTime });
        else
        {
            if (member.Role == ProjectRole.Owner && role != ProjectRole.Owner) await RequireAnotherOwnerAsync(db, projectId, user.Id, ct);
            member.Role = role;
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Removes a member; false when not a member. Refuses to remove the last owner.</summary>
    public async Task<bool> RemoveMemberAsync(int projectId, string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var member = await db.ProjectMembers.FindAsync([projectId, userId], ct);
        if (member is null) return false;
        if (member.Role == ProjectRole.Owner) await RequireAnotherOwnerAsync(db, projectId, userId, ct);
        db.ProjectMembers.Remove(member);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Remembers the project the account switched to (only one it belongs to).</summary>
    public async Task<bool> SetCurrentAsync(string userId, int projectId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.ProjectMembers.AnyAsync(m => m.UserId == userId && m.ProjectId == projectId, ct)) return false;
        return await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.CurrentProjectId, projectId), ct) > 0;
    }

    /// <summary>The project the account works in now: the one it switched to, else its first; null when it has none.</summary>
    public async Task<ProjectMembership?> CurrentAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        int? current = await db.Users.Where(u => u.Id == userId).Select(u => u.CurrentProjectId).FirstOrDefaultAsync(ct);
        var mine = await ListForUserAsync(userId, ct);
        return mine.FirstOrDefault(m => m.ProjectId == current) ?? mine.FirstOrDefault();
    }

    private static async Task RequireAnotherOwnerAsync(ClinicalGamDbContext db, int projectId, string userId, CancellationToken ct)
    {
        if (!await db.ProjectMembers.AnyAsync(m => m.ProjectId == projectId && m.UserId != userId && m.Role == ProjectRole.Owner, ct))
            throw new InvalidOperationException("A project needs an owner: make someone else owner first.");
    }
}
