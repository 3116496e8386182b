using ClinicalGAM.Storage;
using Microsoft.AspNetCore.Authorization;

namespace ClinicalGAM.Web.Accounts;

/// <summary>
/// The authorization policies pages and endpoints name, each checked against the user's role in the current project
/// (<see cref="ProjectAccess"/>). Pages without one need a signed-in user only; what they show is limited to the
/// current project by the database itself (<see cref="ProjectScope"/>).
/// </summary>
public static class ProjectPolicies
{
    /// <summary>Reads the current project's cohorts, models and reports.</summary>
    public const string Viewer = "project-viewer";
    /// <summary>Uploads, fits, edits, checks, analyses.</summary>
    public const string Analyst = "project-analyst";
    /// <summary>Manages members, deletes.</summary>
    public const string Owner = "project-owner";
    /// <summary>The audit log: the project's owners, and site administrators (every project).</summary>
    public const string AuditReader = "audit-reader";
    /// <summary>Manages accounts.</summary>
    public const string SiteAdmin = "site-admin";

    public static void Add(AuthorizationOptions o)
    {
        // Every page and endpoint needs a signed-in user unless it says [AllowAnonymous] (the sign-in page, assets).
        o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        o.AddPolicy(Viewer, Role(s => s.Allows(ProjectRole.Viewer)));
        o.AddPolicy(Analyst, Role(s => s.Allows(ProjectRole.Analyst)));
        o.AddPolicy(Owner, Role(s => s.Allows(ProjectRole.Owner)));
        o.AddPolicy(AuditReader, Role(s => s.Allows(ProjectRole.Owner) || s.SiteAdmin));
        o.AddPolicy(SiteAdmin, Role(s => s.SiteAdmin));
    }

    private static AuthorizationPolicy Role(Func<ProjectScope, bool> allowed) =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new ProjectRoleRequirement(allowed)).Build();
}

/// <summary>Met when the user's scope in the current project passes the test.</summary>
public sealed record ProjectRoleRequirement(Func<ProjectScope, bool> Allowed) : IAuthorizationRequirement;

internal sealed class ProjectRoleHandler(ProjectAccess access) : AuthorizationHandler<ProjectRoleRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ProjectRoleRequirement requirement)
    {
        var scope = await access.ScopeOfAsync(context.User);
        if (requirement.Allowed(scope)) context.Succeed(requirement);
    }
}
