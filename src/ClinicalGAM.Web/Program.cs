using ClinicalGAM.Web.Accounts;
using ClinicalGAM.Web.Components;
using ClinicalGAM.Web.Extensions;

ThreadPoolFloor.Raise();
var builder = WebApplication.CreateBuilder(args);
LoopbackOnly.Require(builder.Configuration);
builder.AddClinicalGamWeb();
builder.AddClinicalGamAccess();

var app = builder.Build();
if (!app.Environment.IsDevelopment())
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
app.UseClinicalGamSecurityHeaders();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseClinicalGamAccess();
app.UseAntiforgery();
app.MapStaticAssets().AllowAnonymous();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapClinicalGamReports();
app.MapClinicalGamAccounts();

await app.InitializeClinicalGamAsync();
app.Run();

/// <summary>Entry point; public so the end-to-end tests can host the app.</summary>
public partial class Program;
