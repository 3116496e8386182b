using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Editing;
using ClinicalGAM.Web.Components.Pages.Models;
using ClinicalGAM.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Plotly.Blazor;
using Plotly.Blazor.Interop;

namespace ClinicalGAM.Web.Components.Pages.Editing;

// The page holds only what the reviewer is doing right now (term, selection, tool, scope); the edits themselves
// live in the circuit's ModelEditingService so that undo, redo and save see one history.
public partial class ModelEditorPage
{
    [Parameter] public int Id { get; set; }
    /// <summary>Query: the term to open, and a ready selection and tool (a Goodhart flag's "flatten" link).</summary>
    [SupplyParameterFromQuery(Name = "term")] public string? QueryTerm { get; set; }
    [SupplyParameterFromQuery(Name = "op")] public string? QueryOp { get; set; }
    [SupplyParameterFromQuery(Name = "lo")] public double? QueryLow { get; set; }
    [SupplyParameterFromQuery(Name = "hi")] public double? QueryHigh { get; set; }
    [SupplyParameterFromQuery(Name = "reason")] public string? QueryReason { get; set; }
    /// <summary>Query: flatten-jump's cut (the flagged threshold).</summary>
    [SupplyParameterFromQuery(Name = "at")] public double? QueryAt { get; set; }

    private bool _missing;
    private string? _termName;
    private GamTerm? _currentTerm, _fittedTerm;
    // The term being looked at: as it is now, or as fitted when this version deleted it.
    private GamTerm? Term => _currentTerm ?? _fittedTerm;
    private CellSelection? _selection;
    private ShapeEditTool _tool = ShapeEditTool.Shift;
    private double? _value = 0.1;
    private string _reason = "";
    private string? _error;
    private PlotFigure? _figure;
    private int _figureKey;
    private PlotlyChart? _chart;
    private EditMetricsView? _metrics;
    private string _scopeKind = "all";
    private string? _sliceColumn, _sliceLevel;
    private double _threshold = 0.05;
    private string _note = "";
    private bool _saving;
    private int? _savedId;
    private IReadOnlyList<ModelListItem> _donors = [];
    private int? _donorId;

    protected override void OnInitialized() => Editing.Changed += OnEdited;

    protected override async Task OnParametersSetAsync()
    {
        if (!await Editing.OpenAsync(Id)) { _missing = true; return; }
        var session = Editing.Session!;
        _donors = await Editing.DonorsAsync();
        string first = QueryTerm is { } q && (session.Fitted.Term(q) ?? session.Current.Term(q)) is not null
            ? q : session.Current.RankedTerms().FirstOrDefault()?.Name ?? session.Fitted.Terms[0].Name;
        SelectTerm(first, redraw: false);
        if (QueryOp is { } op)
        {
            try { _tool = ShapeEditTools.Parse(op); } catch (ArgumentException e) { _error = e.Message; }
            if (_currentTerm is not null && QueryLow is { } lo && QueryHigh is { } hi)
            {
                try { _selection = CellSelection.ValueRange(_currentTerm, lo, hi); } catch (ArgumentException e) { _error = e.Message; }
            }
            _reason = QueryReason ?? _reason;
            if (_tool == ShapeEditTool.FlattenJump) _value = QueryAt;
        }
        Redraw();
        Refresh();
    }

    private void SelectTerm(string name) => SelectTerm(name, redraw: true);

    private void SelectTerm(string name, bool redraw)
    {
        var session = Editing.Session!;
        _termName = name;
        _currentTerm = session.Current.Term(name);
        _fittedTerm = session.Fitted.Term(name);
        _selection = null;
        _error = null;
        if (_scopeKind == "selected") _scopeKind = "all";
        if (redraw) { Redraw(); Refresh(); }
    }

    private void SetSelection(CellSelection? selection)
    {
        _selection = selection;
        Redraw();
        if (_scopeKind == "selected") Refresh();
    }

    private void Subscribe() { if (_chart is not null) _ = _chart.SubscribeSelectedEvent(); }

    // Dragging over the bin markers selects the run of bins from the leftmost to the rightmost point.
    private void OnSelected(IEnumerable<EventDataPoint> points)
    {
        if (_figure is null || _currentTerm is null) return;
        int trace = EditorPlotBuilder.BinsTrace(_figure);
        var bins = points.Where(p => p.CurveNumber is not null && Convert.ToInt32(p.CurveNumber) == trace && p.PointNumber is not null)
            .Select(p => Convert.ToInt32(p.PointNumber) + 1).Order().ToList();
        if (bins.Count == 0) return;
        _ = InvokeAsync(() => { SetSelection(CellSelection.Bins(_currentTerm, bins[0], bins[^1])); StateHasChanged(); });
    }

    private async Task ApplyAsync(ShapeEditTool tool)
    {
        _error = null;
        try
        {
            GamModel? donor = null;
            string? donorName = null;
            if (tool == ShapeEditTool.ReplaceFromModel)
            {
                if (_donorId is not { } id || await Editing.LoadDonorAsync(id) is not { } d) { _error = "Choose the model to take the term from."; return; }
                (donor, donorName) = d;
            }
            Editing.Apply(new ShapeEdit(tool, _termName!, tool.IsWholeTerm() ? null : _selection, tool.AcceptsValue() ? _value : null, _reason, "web reviewer"), donor, donorName);
            _reason = "";
        }
        catch (ArgumentException e) { _error = e.Message; }
    }

    private void Undo() => Editing.Undo();
    private void Redo() => Editing.Redo();
    private void JumpTo(int step) => Editing.JumpTo(step);

    private void OnKey(KeyboardEventArgs e)
    {
        if (!(e.CtrlKey || e.MetaKey)) return;
        if (e.Key is "z" or "Z" && !e.ShiftKey) Editing.Undo();
        else if (e.Key is "y" or "Y" || (e.Key is "z" or "Z" && e.ShiftKey)) Editing.Redo();
    }

    private void OnEdited() => _ = InvokeAsync(() =>
    {
        var session = Editing.Session!;
        // After saving, the saved version is the new starting point: a term deleted in it is gone for good.
        if (session.Current.Term(_termName!) is null && session.Fitted.Term(_termName!) is null && (session.Current.RankedTerms().FirstOrDefault() ?? session.Fitted.Terms.FirstOrDefault()) is { } next) SelectTerm(next.Name, redraw: false);
        Redraw();
        Refresh();
        StateHasChanged();
    });

    private void SetScope(string kind)
    {
        _scopeKind = kind;
        if (kind == "slice" && _sliceColumn is null && Editing.Slices.Count > 0)
            (_sliceColumn, _sliceLevel) = (Editing.Slices[0].Column, Editing.Slices[0].Levels[0]);
        Refresh();
    }

    private void Refresh()
    {
        MetricScope scope = _scopeKind switch
        {
            "selected" when _selection is not null && _currentTerm is not null => new MetricScope.SelectedCells(_termName!, _selection.Cells),
            "slice" when _sliceColumn is not null && _sliceLevel is not null => new MetricScope.Slice(_sliceColumn, _sliceLevel),
            _ => MetricScope.All,
        };
        _metrics = Editing.Metrics(scope, _threshold);
    }

    private void Redraw()
    {
        var session = Editing.Session!;
        _currentTerm = session.Current.Term(_termName!);
        _fittedTerm = session.Fitted.Term(_termName!);
        if (_selection is not null && _currentTerm is not null && _selection.Cells.Any(c => c >= _currentTerm.Scores.Length)) _selection = null;
        _figure = _currentTerm is null ? null : EditorPlotBuilder.Build(_currentTerm, _fittedTerm, session.EditedCells(_termName!),
            _selection?.Cells.ToHashSet() ?? [], new PlotStyle { Height = 420 });
        _figureKey++;
    }

    private async Task SaveAsync()
    {
        _saving = true;
        _error = null;
        try { _savedId = await Editing.SaveAsync(_note); _note = ""; }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException) { _error = e.Message; }
        finally { _saving = false; }
    }

    public void Dispose() => Editing.Changed -= OnEdited;
}
