using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ClinicalGAM.EndToEnd.Tests;

/// <summary>
/// Starts the real web app as a child process on a free loopback port with its own temporary SQLite file and no
/// sample cohort, plus one headless Debian chromium shared by the browser tests.
/// </summary>
public sealed class AppServerFixture : IAsyncLifetime
{
    private Process? _app;
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"clinicalgam-e2e-{Guid.NewGuid():N}");

    public string BaseUrl { get; private set; } = "";
    public string RepoRoot { get; } = FindRepoRoot();
    public string ArtifactsDir => Path.Combine(RepoRoot, "test-artifacts");
    public Microsoft.Playwright.IPlaywright Playwright { get; private set; } = default!;
    public Microsoft.Playwright.IBrowser Browser { get; private set; } = default!;
    public string DataDir => _dataDir;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDir);
        Directory.CreateDirectory(ArtifactsDir);
        int port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var webDll = WebAssemblyPath();
        var start = new ProcessStartInfo("dotnet", [webDll, "--urls", BaseUrl])
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__ClinicalGam"] = $"Data Source={Path.Combine(_dataDir, "e2e.db")}";
        start.Environment["ClinicalGam__LoadSampleCohort"] = "false";
        _app = Process.Start(start) ?? throw new InvalidOperationException("Could not start the web app.");
        _app.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (Log) Log.Add(e.Data); };
        _app.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (Log) Log.Add(e.Data); };
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();
        await WaitUntilServingAsync();

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    public List<string> Log { get; } = [];

    /// <summary>Peak resident memory of the app process so far (VmHWM), in MiB.</summary>
    public double PeakMemoryMiB()
    {
        var line = File.ReadLines($"/proc/{_app!.Id}/status").First(l => l.StartsWith("VmHWM:"));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
    }

    public async Task<Microsoft.Playwright.IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var errors = BrowserErrors.GetOrCreateValue(page);
        page.Console += (_, m) => { if (m.Type == "error") lock (errors) errors.Add(m.Text); };
        page.PageError += (_, e) => { lock (errors) errors.Add(e); };
        return page;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.Playwright.IPage, List<string>> BrowserErrors = new();

    /// <summary>
    /// Waits for a Plotly figure to be drawn inside <paramref name="container"/>; when it is not, the timeout names the
    /// browser's console errors and the app's last log lines, so a failure on CI says why.
    /// </summary>
    public async Task WaitForPlotAsync(Microsoft.Playwright.IPage page, string container, float timeoutMs = 60_000)
    {
        try
        {
            await page.Locator(container + " .main-svg").First.WaitForAsync(new() { Timeout = timeoutMs });
        }
        catch (TimeoutException ex)
        {
            List<string> errors = BrowserErrors.TryGetValue(page, out var e) ? [.. e] : [];
            string[] log;
            lock (Log) log = Log.TakeLast(30).ToArray();
            throw new TimeoutException($"No Plotly figure in {container}. Browser errors: [{string.Join(" | ", errors)}]. " +
                $"Container HTML: {await page.Locator(container).First.InnerHTMLAsync(new() { Timeout = 5_000 })}. App log tail:\n" +
                string.Join("\n", log), ex);
        }
    }

    private Task<string>? _sampleModel;

    /// <summary>
    /// The page of a model fitted on the sample cohort at the fit page's defaults, through the browser (upload, save,
    /// fit). Fitted once per test run and shared: the Goodhart and editor journeys both start from it.
    /// </summary>
    public Task<string> SampleModelUrlAsync() => _sampleModel ??= FitSampleModelAsync();

    private async Task<string> FitSampleModelAsync()
    {
        var page = await OpenAsync("/upload");
        await ChooseFileAsync(page, Path.Combine(RepoRoot, "sample-data", "smm_cohort.csv"));
        await page.WaitForSelectorAsync("#upload-preview", new() { Timeout = 120_000 });
        await page.ClickAsync("#save-cohort");
        await page.WaitForSelectorAsync("#row-count", new() { Timeout = 120_000 });
        await page.ClickAsync("#fit-button");
        await page.WaitForSelectorAsync("#start-fit");
        await page.ClickAsync("#start-fit");
        await page.WaitForSelectorAsync(".open-model", new() { Timeout = 600_000 });
        await page.ClickAsync(".open-model");
        await page.WaitForURLAsync("**/models/*");
        string url = page.Url;
        await page.Context.CloseAsync();
        return url;
    }

    /// <summary>Opens a page and waits until the Blazor circuit is interactive (clicks before that are lost).</summary>
    public async Task<Microsoft.Playwright.IPage> OpenAsync(string path)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(BaseUrl + path);
        await page.WaitForSelectorAsync("#app-interactive", new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });
        return page;
    }

    /// <summary>
    /// Chooses a file in the upload page's file input once Blazor has wired it up. The circuit turns interactive a
    /// moment before the input's change listener is attached (InputFile's script runs after its first render); a file
    /// set in between is dropped silently, so wait for the marker that script leaves on the element.
    /// </summary>
    public static async Task ChooseFileAsync(Microsoft.Playwright.IPage page, string path)
    {
        await page.WaitForFunctionAsync(
            "() => { const e = document.querySelector('input[type=file]'); return !!e && e._blazorInputFileNextFileId !== undefined; }");
        await page.SetInputFilesAsync("input[type=file]", path);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        if (_app is { HasExited: false })
        {
            _app.Kill(entireProcessTree: true);
            await _app.WaitForExitAsync();
        }
        _app?.Dispose();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_app!.HasExited) throw new InvalidOperationException("The web app exited:\n" + string.Join("\n", Log));
            try
            {
                var response = await http.GetAsync(BaseUrl + "/");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("The web app did not start within 60 s:\n" + string.Join("\n", Log));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ClinicalGAM.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("ClinicalGAM.sln not found above the test output.");
    }

    // The web project's own build output (same configuration as the tests) carries its static web assets manifest.
    private string WebAssemblyPath()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var path = Path.Combine(RepoRoot, "src", "ClinicalGAM.Web", "bin", configuration, "net10.0", "ClinicalGAM.Web.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the web project first.", path);
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<AppServerFixture>
{
    public const string Name = "browser";
}
