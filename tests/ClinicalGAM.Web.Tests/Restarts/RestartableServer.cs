using System.Reflection;
using ClinicalGAM.Storage;
using ClinicalGAM.Web.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClinicalGAM.Web.Tests.Restarts;

/// <summary>
/// The web app's services over a SQLite file that outlives them. <see cref="Crash"/> makes this instance's store refuse
/// every further call, as a killed process writes nothing more; a new instance over the same file is the restart.
/// </summary>
public sealed class RestartableServer : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly CrashableStore _store;

    public RestartableServer(string databasePath, IDictionary<string, string?> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddClinicalGamStorage($"Data Source={databasePath}");
        services.AddClinicalGamAccounts();
        services.AddSingleton<SqliteWorkbenchStore>();
        services.AddSingleton<IWorkbenchStore>(sp => CrashableStore.Over(sp.GetRequiredService<SqliteWorkbenchStore>()));
        services.AddSingleton<CohortService>();
        services.AddSingleton<FitJobService>();
        services.AddSingleton<FitQueueResume>();
        services.AddSingleton(sp => new FlagService(sp.GetRequiredService<IWorkbenchStore>(), sp.GetRequiredService<CohortService>(),
            NullLogger<FlagService>.Instance));
        _services = services.BuildServiceProvider();
        _store = (CrashableStore)(object)Store;
    }

    public IWorkbenchStore Store => _services.GetRequiredService<IWorkbenchStore>();
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Start-up as the web app does it: migrations, interrupted runs and checks, then the queue resumed.</summary>
    public async Task<(StorageStartup Startup, IReadOnlyList<FitJob> Resumed)> StartAsync(bool accountsOn)
    {
        var startup = await Get<DatabaseInitializer>().InitializeAsync();
        return (startup, await Get<FitQueueResume>().ResumeAsync(accountsOn));
    }

    /// <summary>From now on this instance writes nothing (its background work fails as a dead process's would).</summary>
    public void Crash() => _store.Crashed = true;

    public async ValueTask DisposeAsync()
    {
        Crash(); // a disposed "dead" server must not record its jobs' cancellation
        await _services.DisposeAsync();
    }

    /// <summary>Forwards every IWorkbenchStore call to the real store until crashed; then each throws.</summary>
    public class CrashableStore : DispatchProxy
    {
        private IWorkbenchStore _inner = default!;
        public volatile bool Crashed;

        public static IWorkbenchStore Over(IWorkbenchStore inner)
        {
            var proxy = Create<IWorkbenchStore, CrashableStore>();
            ((CrashableStore)(object)proxy)._inner = inner;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (Crashed) throw new IOException("the server process is gone");
            try { return targetMethod!.Invoke(_inner, args); }
            catch (TargetInvocationException e) when (e.InnerException is not null) { throw e.InnerException; }
        }
    }
}
