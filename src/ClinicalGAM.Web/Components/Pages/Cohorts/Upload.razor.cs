using ClinicalGAM.Core.Data;
using ClinicalGAM.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace ClinicalGAM.Web.Components.Pages.Cohorts;

public partial class Upload : IDisposable
{
    [Inject] private UploadSession Session { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ILogger<Upload> Logger { get; set; } = default!;

    private PageTask? _task;
    private string? _name;
    private Exception? _error;

    private PageTask Work => _task ??= new PageTask(() => InvokeAsync(StateHasChanged));

    private Task OnFileChosen(IBrowserFile? file) => file is null ? Task.CompletedTask : RunAsync("uploading", async ct =>
    {
        _name = Path.GetFileNameWithoutExtension(file.Name);
        await Session.StageAsync(file, Work.Reporter(), ct);
        Work.Stage = "reading";
        await Session.ReadAsync(Work.Reporter(), ct);
    });

    // A type override re-reads the staged file, so the columns are parsed exactly as they will be saved.
    private Task Reread() => RunAsync("reading", ct => Session.ReadAsync(Work.Reporter(), ct));

    // Another sheet has other columns: its overrides start afresh.
    private Task ChooseSheet(string sheet) => RunAsync("reading", ct =>
    {
        Session.Sheet = sheet;
        Session.Overrides.Clear();
        return Session.ReadAsync(Work.Reporter(), ct);
    });

    private Task Save() => RunAsync("saving", async ct =>
    {
        int id = await Session.SaveAsync(_name ?? "", ct);
        Navigation.NavigateTo($"cohorts/{id}");
    });

    private async Task RunAsync(string stage, Func<CancellationToken, Task> work)
    {
        _error = null;
        try
        {
            await Work.RunAsync(stage, work);
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
    }

    public void Dispose() => _task?.Dispose();
}
