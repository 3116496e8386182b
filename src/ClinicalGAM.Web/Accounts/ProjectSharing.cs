using ClinicalGAM.Storage;

namespace ClinicalGAM.Web.Accounts;

/// <summary>
/// The Projects page's work, on behalf of the current user (<see cref="ProjectScope.Current"/>): create a project
/// (its creator owns it), and, for owners, share it (add a member with a role, change a role, remove). Every change
/// is on the audit log under the project.
/// </summary>
public sealed class ProjectSharing(ProjectStore projects, AuditStore audit, ProjectAccess access)
{
    private static ProjectScope Me => ProjectScope.Current is { UserId: not null } scope ? scope
        : throw new UnauthorizedAccessException("Projects are shared between accounts: switch on team mode (ClinicalGam:Accounts=true).");

    public async Task<IReadOnlyList<ProjectMembership>> MineAsync() =>
        ProjectScope.Current?.UserId is { } id ? await projects.ListForUserAsync(id) : [];

    /// <summary>Creates a project owned by the current user and makes it their current one.</summary>
    public async Task<int> CreateAsync(string name)
    {
        var me = Me;
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("Give the project a name.");
        int id = await projects.CreateAsync(name, me.UserId!);
        await projects.SetCurrentAsync(me.UserId!, id);
        access.Forget(me.UserId);
        await audit.AppendSiteAsync(me.Who, me.From ?? "this machine", "create-project", name.Trim(), "created; creator is owner", id);
        return id;
    }

    /// <summary>The current project's members (owners only).</summary>
    public async Task<IReadOnlyList<ProjectMember>> MembersAsync()
    {
        var me = RequireOwner();
        return await projects.MembersAsync(me.ProjectId);
    }

    /// <summary>Adds the account with this e-mail to the current project, or changes its role. False: no such account.</summary>
    public async Task<bool> ShareAsync(string email, ProjectRole role)
    {
        var me = RequireOwner();
        if (!await projects.SetMemberAsync(me.ProjectId, email, role)) return false;
        access.Forget();
        await audit.AppendSiteAsync(me.Who, me.From ?? "this machine", "share", await ProjectNameAsync(me), $"{email.Trim()} as {role.ToString().ToLowerInvariant()}", me.ProjectId);
        return true;
    }

    public async Task<bool> RemoveAsync(ProjectMember member)
    {
        var me = RequireOwner();
        if (!await projects.RemoveMemberAsync(me.ProjectId, member.UserId)) return false;
        access.Forget(member.UserId);
        await audit.AppendSiteAsync(me.Who, me.From ?? "this machine", "unshare", await ProjectNameAsync(me), $"{member.Email} removed", me.ProjectId);
        return true;
    }

    private static ProjectScope RequireOwner() =>
        Me is { } me && me.Allows(ProjectRole.Owner) ? me : throw new UnauthorizedAccessException("Only the project's owners manage its members.");

    private async Task<string> ProjectNameAsync(ProjectScope me) => await projects.NameAsync(me.ProjectId) ?? $"project #{me.ProjectId}";
}
