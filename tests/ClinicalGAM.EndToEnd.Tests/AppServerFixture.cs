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
    private AppProcess? _app;
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
        _app = new AppProcess(_dataDir, RepoRoot);
        await _app.StartAsync();
        BaseUrl = _app.BaseUrl;

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    public List<string> Log => _app?.Log ?? [];

    /// <summary>Peak resident memory of the app process so far (VmHWM), in MiB.</summary>
    public double PeakMemoryMiB()
    {
        var line = File.ReadLines($"/proc/{_app!.ProcessId}/status").First(l => l.StartsWith("VmHWM:"));
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

    /// <summary>Console errors and uncaught exceptions the page has logged so far.</summary>
    public IReadOnlyList<string> BrowserErrorsOf(Microsoft.Playwright.IPage page) => ErrorsOf(page);

    private static IReadOnlyList<string> ErrorsOf(Microsoft.Playwright.IPage page)
    {
        if (!BrowserErrors.TryGetValue(page, out var errors)) return [];
        lock (errors) return [.. errors];
    }

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
            var errors = ErrorsOf(page);
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
        await SaveCohortAsync(page, Path.Combine(RepoRoot, "sample-data", "smm_cohort.csv"));
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

    /// <summary>
    /// From a cohort's page: a small fit (2 bags, no pairs) through the fit form, then its model page. Returns the
    /// model page's URL.
    /// </summary>
    public static async Task<string> FitSmallModelAsync(Microsoft.Playwright.IPage page, params (string Label, string Value)[] settings)
    {
        await page.GotoAsync(page.Url + "/fit");
        await page.WaitForSelectorAsync("#start-fit");
        // A click before the circuit is interactive is lost (it happens on a loaded machine).
        await page.WaitForSelectorAsync("#app-interactive", new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });
        await SetFieldsAsync(page, settings.Length > 0 ? settings : [("Bags", "2"), ("Pairwise interactions", "0")]);
        await page.ClickAsync("#start-fit");
        await page.WaitForSelectorAsync(".open-model", new() { Timeout = 120_000 });
        await page.ClickAsync(".open-model");
        await page.WaitForURLAsync("**/models/*");
        return page.Url;
    }

    /// <summary>Chooses a cohort file on the upload page, saves it and waits for its cohort page (this fixture's server).</summary>
    public Task SaveCohortAsync(Microsoft.Playwright.IPage page, string file, float timeoutMs = 120_000) =>
        SaveCohortAsync(page, file, Log, timeoutMs);

    /// <summary>
    /// Chooses a cohort file on the upload page, saves it and waits for the cohort's page with its column profile. A
    /// save that does not arrive fails naming what the page shows (an upload error, Blazor's error bar), the browser's
    /// console errors and the server's last log lines: on CI that message is all there is to go on.
    /// </summary>
    public static async Task SaveCohortAsync(Microsoft.Playwright.IPage page, string file, List<string> serverLog, float timeoutMs = 120_000)
    {
        await ChooseFileAsync(page, file);
        await page.WaitForSelectorAsync("#upload-preview", new() { Timeout = timeoutMs });
        await ClickSaveCohortAsync(page, serverLog, timeoutMs);
    }

    /// <summary>Saves the previewed cohort and waits for its page (this fixture's server).</summary>
    public Task ClickSaveCohortAsync(Microsoft.Playwright.IPage page, float timeoutMs = 120_000) =>
        ClickSaveCohortAsync(page, Log, timeoutMs);

    /// <summary>Saves the previewed cohort and waits for its page, failing with what the page and server say.</summary>
    public static async Task ClickSaveCohortAsync(Microsoft.Playwright.IPage page, List<string> serverLog, float timeoutMs = 120_000)
    {
        await page.ClickAsync("#save-cohort");
        try
        {
            await page.WaitForSelectorAsync("#profile-table", new() { Timeout = timeoutMs });
        }
        catch (TimeoutException ex)
        {
            string shown = string.Join(" | ", await page.Locator(".upload-error, #blazor-error-ui").AllInnerTextsAsync());
            var errors = ErrorsOf(page);
            string[] log;
            lock (serverLog) log = serverLog.TakeLast(30).ToArray();
            throw new TimeoutException($"Saving the cohort did not open its cohort page within {timeoutMs / 1000:0} s " +
                $"(page {page.Url}). Shown: [{shown}]. Browser errors: [{string.Join(" | ", errors)}]. Server log tail:\n" +
                string.Join("\n", log), ex);
        }
    }

    /// <summary>Fills labelled form fields and leaves each with Tab (MudBlazor commits on blur).</summary>
    public static async Task SetFieldsAsync(Microsoft.Playwright.IPage page, params (string Label, string Value)[] fields)
    {
        await page.WaitForSelectorAsync("#start-fit");
        foreach (var (label, value) in fields)
        {
            var input = page.GetByLabel(label, new() { Exact = true });
            await input.FillAsync(value);
            await input.PressAsync("Tab");
        }
    }

    /// <summary>Opens a page and waits until the Blazor circuit is interactive (clicks before that are lost).</summary>
    /// <param name="baseUrl">Another server's address (the crash tests run their own); this fixture's by default.</param>
    /// <param name="timeoutMs">The page's default timeout for every later wait; Playwright's 30 s by default.</param>
    public async Task<Microsoft.Playwright.IPage> OpenAsync(string path, string? baseUrl = null, float? timeoutMs = null)
    {
        var page = await NewPageAsync();
        if (timeoutMs is { } t) page.SetDefaultTimeout(t);
        await page.GotoAsync((baseUrl ?? BaseUrl) + path);
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
        if (_app is not null) await _app.DisposeAsync();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ClinicalGAM.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("ClinicalGAM.sln not found above the test output.");
    }
}
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<AppServerFixture>
{
    public const string Name = "browser";
}
