using ClinicalGAM.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace ClinicalGAM.Web.Accounts;

/// <summary>Sign-out and the project switcher (plain HTTP: they change the cookie or reload the app in the new project).</summary>
public static class AccountEndpoints
{
    public static WebApplication MapClinicalGamAccounts(this WebApplication app)
    {
        // A form post (antiforgery-checked as every form binding is): ends the session and records it.
        app.MapPost("/account/sign-out", async ([FromForm] string? returnUrl, SignInManager<ClinicalGamUser> signIn, AuditStore audit, HttpContext http) =>
        {
            if (!AccountsMode.IsOn(app.Configuration)) return Results.LocalRedirect("/");
            var scope = ProjectScope.Current;
            await signIn.SignOutAsync();
            if (scope?.UserId is not null) await audit.AppendSiteAsync(scope.Who, ProjectAccess.From(http), "sign-out", scope.Who, "signed out");
            return Results.LocalRedirect(AccessExtensions.SignInPath);
        });

        // Opens a project the user belongs to (the switcher's links); the cookie is SameSite=Strict, so no other site can.
        app.MapGet("/projects/{id:int}/open", async (int id, ProjectStore projects, ProjectAccess access) =>
        {
            var scope = ProjectScope.Current;
            if (scope?.UserId is null) return Results.LocalRedirect("/");
            if (!await projects.SetCurrentAsync(scope.UserId, id)) return Results.NotFound();
            access.Forget(scope.UserId);
            return Results.LocalRedirect("/");
        });
        return app;
    }
}
