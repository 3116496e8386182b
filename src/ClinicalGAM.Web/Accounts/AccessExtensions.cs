using ClinicalGAM.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;

namespace ClinicalGAM.Web.Accounts;

/// <summary>Registration and pipeline for sign-in, project scope and roles (both modes).</summary>
public static class AccessExtensions
{
    public const string SignInPath = "/account/sign-in";

    public static WebApplicationBuilder AddClinicalGamAccess(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHttpContextAccessor();
        services.AddCascadingAuthenticationState();
        services.AddSingleton<ProjectAccess>();
        services.AddSingleton<ProjectSharing>();
        services.AddSingleton<IAuthorizationHandler, ProjectRoleHandler>();
        services.AddScoped<CircuitHandler, ProjectScopeCircuitHandler>();
        services.AddAuthorization(ProjectPolicies.Add);
        services.AddClinicalGamAccounts().AddSignInManager();

        if (!AccountsMode.IsOn(builder.Configuration))
        {
            services.AddAuthentication(LocalUserAuthentication.Scheme)
                .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, LocalUserAuthentication>(LocalUserAuthentication.Scheme, null);
            return builder;
        }

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = SignInPath;
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "ClinicalGAM.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure whenever served over HTTPS (always beyond loopback)
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });
        // A locked or changed account loses its other sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAntiforgery(o =>
        {
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return builder;
    }

    /// <summary>Authentication, then the request's <see cref="ProjectScope"/> (for pages, downloads and what they start), then authorization.</summary>
    public static WebApplication UseClinicalGamAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            var access = context.RequestServices.GetRequiredService<ProjectAccess>();
            var scope = await access.ScopeOfAsync(context.User, ProjectAccess.From(context));
            using (ProjectScope.Enter(scope)) await next();
        });
        app.UseAuthorization();
        return app;
    }
}
