using ClinicalGAM.Core.Computing;
using ClinicalGAM.Web.Accounts;
using ClinicalGAM.Web.Components;
using ClinicalGAM.Web.Extensions;

ThreadPoolFloor.Raise();
// Fits, checks and analyses run their loops on dedicated threads below the pages' priority: pages (and a browser on the
// same machine) come first, and no loop holds a pool thread (see ComputeThreads).
BoundedParallel.DefaultThreads = new ComputeThreads(Environment.ProcessorCount, lowerPriority: true);
var builder = WebApplication.CreateBuilder(args);
// Times on every console line: when a fit, a check or a page request happened is what an operator asks first.
builder.Logging.AddSimpleConsole(o => o.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ");
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
