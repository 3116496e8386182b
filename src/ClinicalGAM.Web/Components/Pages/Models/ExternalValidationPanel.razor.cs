using ClinicalGAM.Core.Diagnostics.Validation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace ClinicalGAM.Web.Components.Pages.Models;

/// <summary>
/// Lists the other stored cohorts with whether the model can be scored there (naming the columns a cohort lacks),
/// validates on one, and shows every validation so far with the calibration plot of the one selected.
/// </summary>
public partial class ExternalValidationPanel : IDisposable
{
    [Inject] private ExternalValidationService Validation { get; set; } = default!;

    /// <summary>The saved model to validate.</summary>
    [Parameter, EditorRequired] public ModelEntry Entry { get; set; } = default!;
    /// <summary>Plot colours and size; defaults to the light theme.</summary>
    [Parameter] public PlotStyle Style { get; set; } = new();

    internal sealed record Candidate(CohortEntry Cohort, IReadOnlyList<string> Missing);

    private IReadOnlyList<Candidate> _candidates = [];
    private IReadOnlyList<ValidationEntry> _history = [];
    private ValidationEntry? _selected;
    private PlotFigure? _plot;
    private string _plotKey = "";
    private bool _running;
    private string? _runningName;
    private string? _error;
    private CancellationTokenSource? _cancellation;
    private int _loadedFor = -1;

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor != Entry.Id)
        {
            _loadedFor = Entry.Id;
            var cohorts = await Validation.CandidatesAsync(Entry);
            var list = new List<Candidate>(cohorts.Count);
            foreach (var c in cohorts) list.Add(new Candidate(c, await Validation.MissingColumnsAsync(Entry, c.Id)));
            _candidates = list;
            _history = await Validation.HistoryAsync(Entry.Id);
            _selected = _history.FirstOrDefault();
        }
        Redraw();
    }

    /// <summary>"ready" or the columns the cohort lacks, by name.</summary>
    internal static string Status(Candidate c) =>
        c.Missing.Count == 0 ? "ready" : $"lacks {string.Join(", ", c.Missing.Select(m => $"'{m}'"))}";

    private async Task ValidateAsync(CohortEntry cohort)
    {
        _error = null;
        _running = true;
        _runningName = cohort.Name;
        _cancellation = new CancellationTokenSource();
        try
        {
            var saved = await Validation.ValidateAsync(Entry, cohort.Id, _cancellation.Token);
            _history = await Validation.HistoryAsync(Entry.Id);
            _selected = _history.FirstOrDefault(v => v.Id == saved.Id) ?? saved;
            Redraw();
        }
        catch (OperationCanceledException)
        {
            _error = "Validation cancelled; nothing was saved.";
        }
        catch (ExternalValidationException e)
        {
            _error = e.Message;
        }
        finally
        {
            _running = false;
            _cancellation.Dispose();
            _cancellation = null;
        }
    }

    private void Cancel() => _cancellation?.Cancel();

    private void Select(ValidationEntry v)
    {
        _selected = v;
        Redraw();
    }

    private void OnRowKey(KeyboardEventArgs e, ValidationEntry v)
    {
        if (e.Key == "Enter") Select(v);
    }

    private void Redraw()
    {
        _plot = _selected is null ? null : PerformancePlots.Calibration(_selected.Calibration, Style with { Height = 320 });
        _plotKey = $"{_selected?.Id}-{(Style.Dark ? "dark" : "light")}";
    }

    private string RowClass(ValidationEntry v) => v == _selected ? "validation-row selected" : "validation-row";

    internal static string AucText(ValidationEntry v) =>
        double.IsNaN(v.Auc) ? "–"
            : double.IsNaN(v.AucLow) ? F(v.Auc, "0.000")
            : $"{F(v.Auc, "0.000")} ({F(v.AucLow, "0.000")}–{F(v.AucHigh, "0.000")})";

    private static string ExcludedText(ValidationEntry v) =>
        v.ExcludedRows > 0 ? $"; {v.ExcludedRows:N0} rows without an outcome left out" : "";

    private static string F(double v, string format) =>
        double.IsNaN(v) ? "–" : v.ToString(format, System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => _cancellation?.Cancel();
}
