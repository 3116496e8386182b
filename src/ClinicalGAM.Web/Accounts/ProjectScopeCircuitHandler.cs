using ClinicalGAM.Storage;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ClinicalGAM.Web.Accounts;

/// <summary>
/// Puts the circuit user's <see cref="ProjectScope"/> around every inbound activity of a Blazor circuit (events,
/// navigation, JS calls, renders), so the stores see only the current project there too, with no page involved.
/// Work started from an event (a fit) keeps the scope it was started in.
/// </summary>
internal sealed class ProjectScopeCircuitHandler(AuthenticationStateProvider authentication, ProjectAccess access, IHttpContextAccessor http)
    : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var state = await authentication.GetAuthenticationStateAsync();
            var scope = await access.ScopeOfAsync(state.User, ProjectAccess.From(http.HttpContext));
            using (ProjectScope.Enter(scope)) await next(context);
        };
}
