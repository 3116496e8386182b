using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.Storage;

/// <summary>An account as the site administrator sees it.</summary>
public sealed record AccountSummary(string Id, string Email, bool IsSiteAdmin, DateTimeOffset? LockedUntil, int FailedSignIns, DateTime CreatedUtc);

/// <summary>The outcome of an account change: the problems (password rules, e-mail taken) when it failed.</summary>
public sealed record AccountResult(bool Succeeded, IReadOnlyList<string> Errors)
{
    public static AccountResult Ok { get; } = new(true, []);
    public static AccountResult Failed(params string[] errors) => new(false, errors);
    internal static AccountResult From(IdentityResult r) => r.Succeeded ? Ok : new(false, r.Errors.Select(e => e.Description).ToList());
}

/// <summary>
/// Account administration (create, reset password, lock, list) for the CLI's `admin` verbs and the web's admin page.
/// There is no seeded account and no default password: the first administrator is created with `clinicalgam admin
/// create-user`. A site administrator created this way also owns the default project (where the data saved before
/// accounts lives). Every change is on the audit log.
/// </summary>
public sealed class AccountStore(IServiceScopeFactory scopes, AuditStore audit, TimeProvider clock)
{
    public async Task<AccountResult> CreateUserAsync(string email, string password, bool siteAdmin, string who, string from, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ClinicalGamUser>>();
        email = email.Trim();
        if (!email.Contains('@')) return AccountResult.Failed($"'{email}' is not an e-mail address.");
        var user = new ClinicalGamUser { UserName = email, Email = email, EmailConfirmed = true, IsSiteAdmin = siteAdmin, CreatedUtc = clock.GetUtcNow().UtcDateTime };
        var result = AccountResult.From(await users.CreateAsync(user, password));
        if (!result.Succeeded) return result;
        if (siteAdmin)
        {
            var db = scope.ServiceProvider.GetRequiredService<ClinicalGamDbContext>();
            db.ProjectMembers.Add(new ProjectMemberRecord { ProjectId = ProjectRecord.DefaultId, UserId = user.Id, Role = ProjectRole.Owner, AddedUtc = user.CreatedUtc });
            await db.SaveChangesAsync(ct);
        }
        await audit.AppendSiteAsync(who, from, "create-user", email, siteAdmin ? "site administrator; owner of the default project" : "account", ct: ct);
        return result;
    }

    /// <summary>Sets a new password (rules apply) and lifts any lockout.</summary>
    public async Task<AccountResult> ResetPasswordAsync(string email, string password, string who, string from, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ClinicalGamUser>>();
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null) return AccountResult.Failed($"There is no account '{email}'.");
        // Validate first, so a weak password leaves the old one in place.
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, password);
            if (!check.Succeeded) return AccountResult.From(check);
        }
        var result = AccountResult.From(await users.RemovePasswordAsync(user));
        if (result.Succeeded) result = AccountResult.From(await users.AddPasswordAsync(user, password));
        if (!result.Succeeded) return result;
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.AppendSiteAsync(who, from, "reset-password", user.Email!, "password replaced, lockout lifted", ct: ct);
        return result;
    }

    /// <summary>Locks an account until unlocked (true) or lifts a lockout (false).</summary>
    public async Task<AccountResult> SetLockedAsync(string email, bool locked, string who, string from, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ClinicalGamUser>>();
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null) return AccountResult.Failed($"There is no account '{email}'.");
        var result = AccountResult.From(await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null));
        if (result.Succeeded && !locked) await users.ResetAccessFailedCountAsync(user);
        if (result.Succeeded) await audit.AppendSiteAsync(who, from, locked ? "lock" : "unlock", user.Email!, locked ? "locked by an administrator" : "lockout lifted", ct: ct);
        return result;
    }

    public async Task<IReadOnlyList<AccountSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicalGamDbContext>();
        var now = clock.GetUtcNow();
        var rows = await db.Users.AsNoTracking().ToListAsync(ct);
        return rows.OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase)
            .Select(u => new AccountSummary(u.Id, u.Email ?? "", u.IsSiteAdmin, u.LockoutEnd > now ? u.LockoutEnd : null, u.AccessFailedCount, u.CreatedUtc))
            .ToList();
    }

    public async Task<ClinicalGamUser?> FindAsync(string userId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicalGamDbContext>();
        return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
    }
}
