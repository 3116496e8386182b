using System.Collections.Concurrent;
using System.Security.Claims;
using ClinicalGAM.Storage;

namespace ClinicalGAM.Web.Accounts;

/// <summary>
/// Who a signed-in user is in which project: the one place that turns a principal into a <see cref="ProjectScope"/>.
/// Single-user mode: the OS user, owner of the default project. Team mode: the account's current project and role
/// there (nothing when it has no project, or is locked). Looked up at most every few seconds per account; changes
/// made through the app (switch, share, lock) are seen at once through <see cref="Forget"/>.
/// </summary>
public sealed class ProjectAccess(ProjectStore projects, AccountStore accounts, IConfiguration configuration, TimeProvider clock)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (ProjectScope Scope, DateTimeOffset At)> _cache = new();

    public bool AccountsOn { get; } = AccountsMode.IsOn(configuration);

    /// <summary>Single-user mode's identity (the server's OS user).</summary>
    public static ProjectScope LocalUser { get; } =
        new(ProjectRecord.DefaultId, ProjectRole.Owner, SqliteWorkbenchStore.LocalUser, SiteAdmin: true);

    /// <summary>Nobody: no project, no role (anonymous, unknown or locked accounts).</summary>
    public static ProjectScope NoOne { get; } = new(0, ProjectRole.None, "anonymous", SiteAdmin: false);

    public async ValueTask<ProjectScope> ScopeOfAsync(ClaimsPrincipal user, string? from = null)
    {
        if (!AccountsOn) return from is null ? LocalUser : LocalUser with { From = from };
        string? id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null || user.Identity?.IsAuthenticated != true) return NoOne;
        var now = clock.GetUtcNow();
        if (!_cache.TryGetValue(id, out var cached) || now - cached.At > Fresh)
        {
            cached = (await LookUpAsync(id, now), now);
            _cache[id] = cached;
        }
        return from is null ? cached.Scope : cached.Scope with { From = from };
    }

    /// <summary>Drops what is remembered of an account (all accounts when null), after a switch, share or lock.</summary>
    public void Forget(string? userId = null)
    {
        if (userId is null) _cache.Clear();
        else _cache.TryRemove(userId, out _);
    }

    private async Task<ProjectScope> LookUpAsync(string userId, DateTimeOffset now)
    {
        var account = await accounts.FindAsync(userId);
        if (account is null || account.LockoutEnd > now) return NoOne;
        var current = await projects.CurrentAsync(userId);
        return new ProjectScope(current?.ProjectId ?? 0, current?.Role ?? ProjectRole.None, account.Email ?? account.UserName ?? userId,
            account.IsSiteAdmin, userId);
    }

    /// <summary>Where a request came from, as the audit log writes it.</summary>
    public static string From(HttpContext? http) => http?.Connection.RemoteIpAddress is { } ip
        ? System.Net.IPAddress.IsLoopback(ip) ? $"this machine ({ip})" : ip.ToString()
        : "this machine";
}
