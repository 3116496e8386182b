using ClinicalGAM.Web.Components;
using ClinicalGAM.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);
// `dotnet run` (any configuration, Production included) serves the packages' _content/ files from the NuGet cache
// through the build's static web assets manifest; the SDK turns this on by itself only in Development. A published
// app has no such manifest and this does nothing.
builder.WebHost.UseStaticWebAssets();
builder.AddClinicalGamWeb();

var app = builder.Build();
if (!app.Environment.IsDevelopment())
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapClinicalGamReports();

await app.InitializeClinicalGamAsync();
app.Run();

/// <summary>Entry point; public so the end-to-end tests can host the app.</summary>
public partial class Program;
