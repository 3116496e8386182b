using ClinicalGAM.Core.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace ClinicalGAM.Web.Components.Pages.Cohorts;

public partial class Upload : IDisposable
{
    [Inject] private UploadSession Session { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ILogger<Upload> Logger { get; set; } = default!;

    private CancellationTokenSource? _cts;
    private bool _busy;
    private double _progress;
    private string _stage = "";
    private string? _name;
    private Exception? _error;

    private Task OnFileChosen(IBrowserFile? file) => file is null ? Task.CompletedTask : RunAsync(async ct =>
    {
        _name = Path.GetFileNameWithoutExtension(file.Name);
        _stage = "uploading";
        await Session.StageAsync(file, Progress(), ct);
        _stage = "reading";
        await Session.ReadAsync(Progress(), ct);
    });

    // A type override re-reads the staged file, so the columns are parsed exactly as they will be saved.
    private Task Reread() => RunAsync(async ct =>
    {
        _stage = "reading";
        await Session.ReadAsync(Progress(), ct);
    });

    // Another sheet has other columns: its overrides start afresh.
    private Task ChooseSheet(string sheet) => RunAsync(async ct =>
    {
        Session.Sheet = sheet;
        Session.Overrides.Clear();
        _stage = "reading";
        await Session.ReadAsync(Progress(), ct);
    });

    private Task Save() => RunAsync(async ct =>
    {
        _stage = "saving";
        int id = await Session.SaveAsync(_name ?? "", ct);
        Navigation.NavigateTo($"cohorts/{id}");
    });

    private async Task RunAsync(Func<CancellationToken, Task> work)
    {
        _cts = new CancellationTokenSource();
        _busy = true;
        _error = null;
        _progress = 0;
        try
        {
            await work(_cts.Token);
        }
        catch (OperationCanceledException)
        {
            Session.Reset();
        }
        // A busy or failing database (SQLITE_BUSY past its timeout) is shown and logged, not left as a dead page.
        catch (Exception ex) when (ex is CohortFormatException or FormatException or IOException or InvalidOperationException
                                       or System.Data.Common.DbException)
        {
            if (ex is System.Data.Common.DbException) Logger.LogError(ex, "Saving an uploaded cohort failed");
            _error = ex;
        }
        finally
        {
            _busy = false;
        }
    }

    private IProgress<double> Progress() => new Progress<double>(p =>
    {
        if (p - _progress < 0.01 && p < 1) return;
        _progress = p;
        InvokeAsync(StateHasChanged);
    });

    private void Cancel() => _cts?.Cancel();

    public void Dispose() => _cts?.Cancel();
}
