using ClinicalGAM.Web.Components.Shared;
using ClinicalGAM.Web.Services.Sql;
using Microsoft.AspNetCore.Components;

namespace ClinicalGAM.Web.Components.Pages.Cohorts;

/// <summary>Choose or save a connection, write a query, preview its first rows, import it as a cohort.</summary>
public partial class ImportSql : IDisposable
{
    [Inject] private SqlImportSession Session { get; set; } = default!;
    [Inject] private SqlConnectionStore Connections { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IWorkbenchStore Store { get; set; } = default!;

    private IReadOnlyList<SqlConnectionEntry> _connections = [];
    private PageTask? _task;
    private string? _name;
    private string? _error;

    protected override void OnInitialized()
    {
        _connections = Connections.List();
        Session.ConnectionId ??= _connections.FirstOrDefault()?.Id;
    }

    private void ChooseConnection(string id)
    {
        Session.ConnectionId = id;
        Session.Reset();
        _error = null;
    }

    private async Task ConnectionSaved(SqlConnectionEntry entry)
    {
        _connections = Connections.List();
        ChooseConnection(entry.Id);
        await Store.AuditAsync("connection", entry.Name, $"saved database connection {entry.Describe()} (password stored encrypted)");
    }

    private async Task DeleteConnection()
    {
        if (Session.ConnectionId is { } id && _connections.FirstOrDefault(c => c.Id == id) is { } gone)
        {
            Connections.Delete(id);
            await Store.AuditAsync("connection", gone.Name, $"deleted database connection {gone.Describe()}");
        }
        _connections = Connections.List();
        Session.ConnectionId = _connections.FirstOrDefault()?.Id;
        Session.Reset();
    }

    // Another query has other columns: the preview and its overrides start afresh.
    private void QueryChanged(string sql)
    {
        if (sql == Session.Sql) return;
        Session.Sql = sql;
        Session.Reset();
    }

    private PageTask Work => _task ??= new PageTask(() => InvokeAsync(StateHasChanged));

    private Task Preview() => RunAsync("running the query", ct => Session.PreviewAsync(ct));

    private Task Import() => RunAsync("importing", async ct =>
    {
        int id = await Session.ImportAsync(_name ?? "", Work.Reporter(), ct);
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
            _error = "Cancelled.";
        }
        catch (Exception e) when (e is CohortFormatException or InvalidOperationException or IOException)
        {
            _error = e is CohortFormatException ? Sentence(e.Message) : e.Message;
        }
    }

    private static string Sentence(string message) =>
        message.Length == 0 ? message : char.ToUpperInvariant(message[0]) + message[1..] + (message.EndsWith('.') ? "" : ".");

    public void Dispose() => _task?.Dispose();
}
