using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.Storage;

/// <summary>
/// The account rules, the same for the web app and the CLI: passwords of at least 12 characters mixing upper and
/// lower case, digits and symbols; 5 failed sign-ins lock the account for 15 minutes; one account per e-mail.
/// </summary>
public static class AccountRules
{
    public const int MinimumPasswordLength = 12;
    public const int FailuresBeforeLockout = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public static void Apply(IdentityOptions o)
    {
        o.Password.RequiredLength = MinimumPasswordLength;
        o.Password.RequireDigit = true;
        o.Password.RequireLowercase = true;
        o.Password.RequireUppercase = true;
        o.Password.RequireNonAlphanumeric = true;
        o.Password.RequiredUniqueChars = 6;
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = FailuresBeforeLockout;
        o.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
        o.User.RequireUniqueEmail = true;
    }

    /// <summary>
    /// Identity's user manager over the ClinicalGAM database, and <see cref="AccountStore"/>. Call after
    /// AddClinicalGamStorage; the web adds its sign-in manager to the returned builder.
    /// </summary>
    public static IdentityBuilder AddClinicalGamAccounts(this IServiceCollection services)
    {
        services.AddLogging();
        services.AddSingleton<AccountStore>();
        return services.AddIdentityCore<ClinicalGamUser>(Apply).AddEntityFrameworkStores<ClinicalGamDbContext>();
    }
}
