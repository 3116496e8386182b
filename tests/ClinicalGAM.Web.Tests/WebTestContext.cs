using Bunit;
using ClinicalGAM.Web.Services;
using ClinicalGAM.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using MudBlazor.Services;

namespace ClinicalGAM.Web.Tests;

/// <summary>
/// Shared bUnit set-up: MudBlazor services with loose JS interop, the page services over an in-memory store, and a
/// MudPopoverProvider rendered first (selects and tooltips need it). Dispose asynchronously (MudBlazor's popover
/// service is async-disposable only).
/// </summary>
public abstract class WebTestContext : IAsyncLifetime
{
    protected BunitContext Ctx { get; } = new();
    protected InMemoryWorkbenchStore Store { get; } = new();

    protected WebTestContext()
    {
        Ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        Ctx.Services.AddMudServices();
        Ctx.Services.AddSingleton<IWorkbenchStore>(Store);
        Ctx.Services.AddSingleton<CohortService>();
        Ctx.Services.AddSingleton<ModelViewService>();
        Ctx.Services.AddSingleton(sp => new FitJobService(Store, sp.GetRequiredService<CohortService>(), NullLogger<FitJobService>.Instance));
        Ctx.Services.AddSingleton(sp => new FlagService(Store, sp.GetRequiredService<CohortService>(), NullLogger<FlagService>.Instance));
        Ctx.Services.AddSingleton<ExternalValidationService>();
        Ctx.Services.AddSingleton<DeletionService>();
        // The model page's black-box panel (a whole page render needs it).
        Ctx.Services.AddSingleton(sp => new BlackBoxService(Store, sp.GetRequiredService<CohortService>(),
            sp.GetRequiredService<ModelViewService>(), NullLogger<BlackBoxService>.Instance));
        Ctx.Services.AddScoped<ThemeState>();
    }

    public Task InitializeAsync()
    {
        Ctx.Render<MudPopoverProvider>();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Ctx.DisposeAsync();
}
