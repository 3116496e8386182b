using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Serialization;
using ClinicalGAM.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace ClinicalGAM.Web.Components.Pages.Models;

/// <summary>Upload an InterpretML model file, name its outcome, pick the cohort it is read with, save it.</summary>
public partial class ImportModelPage : IDisposable
{
    /// <summary>Largest model file accepted (InterpretML files of wide models with many bags reach tens of MB).</summary>
    public const long MaxBytes = 256L << 20;

    private sealed record Candidate(int Id, string Name, bool Ready, string Status);

    [Inject] private ModelImportService Import { get; set; } = default!;
    [Inject] private CohortService Cohorts { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private byte[]? _file;
    private string _fileName = "";
    private GamModel? _model;
    private string _outcome = "";
    private string _name = "";
    private string? _error;
    private bool _busy;
    private CancellationTokenSource? _cts;
    private IReadOnlyList<Candidate> _candidates = [];

    private async Task OnFileChosen(IBrowserFile? file)
    {
        if (file is null) return;
        _error = null;
        _model = null;
        try
        {
            using var buffer = new MemoryStream();
            await file.OpenReadStream(MaxBytes).CopyToAsync(buffer);
            _file = buffer.ToArray();
            _fileName = file.Name;
            _name = Path.GetFileNameWithoutExtension(file.Name);
            await ReadAsync();
        }
        catch (IOException e)
        {
            _error = $"The file could not be read: {e.Message}";
        }
    }

    private async Task OnOutcomeChanged(string value)
    {
        _outcome = value?.Trim() ?? "";
        if (_file is not null) await ReadAsync();
    }

    // The model carries its outcome's name, so it is read again when the name changes (a small cost next to scoring).
    private async Task ReadAsync()
    {
        try
        {
            _model = ModelImportService.Read(_file!, _outcome);
        }
        catch (GamModelFormatException e)
        {
            _error = e.Message;
            _model = null;
            return;
        }
        var candidates = new List<Candidate>();
        foreach (var cohort in await Cohorts.ListAsync())
        {
            var missing = ModelImportService.MissingColumns(_model, await Cohorts.TableAsync(cohort.Id));
            string status = _outcome.Length == 0 ? "name the outcome column first"
                : missing.Count == 0 ? "ready" : "lacks " + string.Join(", ", missing.Select(m => $"'{m}'"));
            candidates.Add(new Candidate(cohort.Id, cohort.Name, _outcome.Length > 0 && missing.Count == 0, status));
        }
        _candidates = candidates;
    }

    private async Task ImportAsync(int cohortId)
    {
        if (_model is null) return;
        _busy = true;
        _error = null;
        _cts = new CancellationTokenSource();
        try
        {
            string name = string.IsNullOrWhiteSpace(_name) ? "InterpretML model" : _name.Trim();
            int id = await Import.ImportAsync(_model, cohortId, name, _cts.Token);
            Navigation.NavigateTo($"models/{id}");
        }
        catch (OperationCanceledException)
        {
            _error = "Import cancelled; nothing was saved.";
        }
        catch (Exception e) when (e is CohortFormatException or ArgumentException or InvalidOperationException)
        {
            _error = $"Not imported: {e.Message}";
        }
        finally
        {
            _busy = false;
        }
    }

    private void Cancel() => _cts?.Cancel();

    public void Dispose()
    {
        _cts?.Cancel();
        _cts?.Dispose();
    }
}
