using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ClinicalGAM.EndToEnd.Tests;

/// <summary>
/// The real web app as a child process on a free loopback port, over a SQLite file in a given folder, without the
/// sample cohort. It can be killed the hard way (SIGKILL, as a power cut or the OOM killer would) and started again
/// over the same folder, which is what the crash tests need.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private Process? _process;

    public AppProcess(string dataDir, string repoRoot)
    {
        DataDir = dataDir;
        RepoRoot = repoRoot;
    }

    public string DataDir { get; }
    public string RepoRoot { get; }
    public string DatabasePath => Path.Combine(DataDir, "e2e.db");
    public string BaseUrl { get; private set; } = "";
    public List<string> Log { get; } = [];
    /// <summary>Extra settings as environment variables (e.g. ClinicalGam__Accounts=true for team mode).</summary>
    public Dictionary<string, string> Settings { get; } = [];
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("Not started.");

    public async Task StartAsync()
    {
        Directory.CreateDirectory(DataDir);
        BaseUrl = $"http://127.0.0.1:{FreePort()}";
        var webDll = WebAssemblyPath(RepoRoot);
        var start = new ProcessStartInfo("dotnet", [webDll, "--urls", BaseUrl])
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__ClinicalGam"] = $"Data Source={DatabasePath}";
        start.Environment["ClinicalGam__LoadSampleCohort"] = "false";
        foreach (var (key, value) in Settings) start.Environment[key] = value;
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the web app.");
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (Log) Log.Add(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (Log) Log.Add(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilServingAsync();
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush; whatever was in flight stops mid-way.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient();
        // Generous: a .NET start-up on a machine busy with other work (2 shared cores) has taken over a minute.
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited) throw new InvalidOperationException("The web app exited:\n" + string.Join("\n", Log));
            try
            {
                var response = await http.GetAsync(BaseUrl + "/");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("The web app did not start within 180 s:\n" + string.Join("\n", Log));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // The web project's own build output (same configuration as the tests) carries its static web assets manifest.
    private static string WebAssemblyPath(string repoRoot)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var path = Path.Combine(repoRoot, "src", "ClinicalGAM.Web", "bin", configuration, "net10.0", "ClinicalGAM.Web.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the web project first.", path);
    }
}
