using ClinicalGAM.Web.Accounts;
using ClinicalGAM.Web.Components;
using ClinicalGAM.Web.Extensions;

// A fit or check keeps every core busy on thread-pool threads (its bags in parallel); the pool starts with one thread
// per core and adds more only slowly, so on a 2-core machine pages waited behind a long fit (a crash test's page did
// not turn interactive within 120 s). Threads beyond the cores are created at once when needed, and only then.
ThreadPool.GetMinThreads(out int minWorkers, out int minIo);
ThreadPool.SetMinThreads(Math.Max(minWorkers, 2 * Environment.ProcessorCount + 4), minIo);

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
