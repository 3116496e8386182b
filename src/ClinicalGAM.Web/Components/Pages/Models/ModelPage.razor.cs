using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;
using Microsoft.AspNetCore.Components;

namespace ClinicalGAM.Web.Components.Pages.Models;

public partial class ModelPage : IDisposable
{
    [Inject] private ModelViewService Models { get; set; } = default!;
    [Inject] private ThemeState Theme { get; set; } = default!;
    [Inject] private CohortService Cohorts { get; set; } = default!;
    [Inject] private FlagService Flags { get; set; } = default!;

    /// <summary>Model id from the route.</summary>
    [Parameter] public int Id { get; set; }

    private ModelView? _view;
    private bool _missing;
    private PlotStyle _style = new();
    private PlotFigure _roc = default!;
    private PlotFigure _calibration = default!;
    private PlotFigure _decision = default!;
    private string _styleKey = "";
    private IReadOnlyList<string> _groupColumns = [];
    private FlagCheck? _flags;
    private IReadOnlyDictionary<string, string> _axisTitles = new Dictionary<string, string>();

    // Shape plots drawn so far: the first screen at once, the rest in small batches, so a 50-term model's page reads
    // at once and the browser never freezes drawing every plot in one go.
    private int _plotted;
    internal const int FirstPlots = 6;
    private const int PlotBatch = 6;
    private CancellationTokenSource _reveal = new();
    private bool _disposed;

    private bool OddsRatio
    {
        get => _style.OddsRatio;
        set { _style = _style with { OddsRatio = value }; }
    }

    protected override void OnInitialized() => Theme.Changed += OnThemeChanged;

    protected override async Task OnParametersSetAsync()
    {
        // Everything the page shows is read before any of it is: Blazor renders at each await, and a render with the
        // model but not yet its flags, axis titles or plot count would show a half-built page for a moment.
        var view = await Models.GetAsync(Id);
        if (view is not null)
        {
            // Read on every visit: the data dictionary can be edited after the model was fitted.
            _axisTitles = await Cohorts.AxisTitlesAsync(view.Entry.CohortId);
            await LoadFlagsAsync();
            var overview = await Cohorts.OverviewAsync(view.Entry.CohortId);
            _groupColumns = overview.Columns
                .Where(c => c.Kind is ColumnKind.Categorical or ColumnKind.Binary && c.Name != view.Entry.Specification.Outcome)
                .Select(c => c.Name).ToList();
        }
        _view = view;
        _missing = view is null;
        Restyle();
        RevealPlots();
    }

    private void RevealPlots()
    {
        // The page can be left (disposed) while its loads are awaited; the reveal's token is gone by then.
        if (_disposed) return;
        _reveal.Cancel();
        _reveal.Dispose();
        _reveal = new CancellationTokenSource();
        _plotted = Math.Min(FirstPlots, _view?.RankedTerms.Count ?? 0);
        _ = RevealRestAsync(_reveal.Token);
    }

    private async Task RevealRestAsync(CancellationToken token)
    {
        try
        {
            while (_view is { } view && _plotted < view.RankedTerms.Count)
            {
                await Task.Delay(50, token);
                _plotted = Math.Min(_plotted + PlotBatch, view.RankedTerms.Count);
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException) { }
    }

    private async Task LoadFlagsAsync() => _flags = await Flags.LatestAsync(Id);

    /// <summary>Threshold flags of a main-effect term, drawn as markers on its shape plot.</summary>
    private IReadOnlyList<FlagView> FlagsFor(GamTerm term) =>
        _flags is null || term.IsInteraction ? []
        : _flags.Flags.Where(f => f.Feature == term.Name
            && (f.IsThreshold || (f.HasPeriods && term.Binnings[0].Kind == BinningKind.Continuous))).ToList();

    private async Task ReloadAsync()
    {
        _view = await Models.GetAsync(Id);
        Restyle();
    }

    private void Restyle()
    {
        _style = _style with { Dark = Theme.IsDark };
        _styleKey = _style.Dark ? "dark" : "light";
        if (_view is null) return;
        _roc = PerformancePlots.Roc(_view.Roc, _view.Entry.Metrics.TestAuc, _style with { Height = 320 });
        _calibration = PerformancePlots.Calibration(_view.Calibration, _style with { Height = 320 });
        _decision = PerformancePlots.DecisionCurve(_view.DecisionCurve, _style with { Height = 320 });
    }

    /// <summary>The term's style with its x axis titled from the data dictionary (label and unit) when given.</summary>
    private PlotStyle StyleFor(GamTerm term) =>
        !term.IsInteraction && _axisTitles.TryGetValue(term.Name, out var title) ? _style with { AxisLabel = title } : _style;

    private void OnThemeChanged() => InvokeAsync(() =>
    {
        Restyle();
        StateHasChanged();
    });

    public void Dispose()
    {
        Theme.Changed -= OnThemeChanged;
        _disposed = true;
        _reveal.Cancel();
        _reveal.Dispose();
    }
}
