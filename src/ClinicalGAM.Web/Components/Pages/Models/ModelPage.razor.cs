using Microsoft.AspNetCore.Components;

namespace ClinicalGAM.Web.Components.Pages.Models;

public partial class ModelPage : IDisposable
{
    [Inject] private ModelViewService Models { get; set; } = default!;
    [Inject] private ThemeState Theme { get; set; } = default!;

    /// <summary>Model id from the route.</summary>
    [Parameter] public int Id { get; set; }

    private ModelView? _view;
    private bool _missing;
    private PlotStyle _style = new();
    private PlotFigure _roc = default!;
    private PlotFigure _calibration = default!;
    private string _styleKey = "";

    private bool OddsRatio
    {
        get => _style.OddsRatio;
        set { _style = _style with { OddsRatio = value }; }
    }

    protected override void OnInitialized() => Theme.Changed += OnThemeChanged;

    protected override async Task OnParametersSetAsync()
    {
        _view = await Models.GetAsync(Id);
        _missing = _view is null;
        Restyle();
    }

    private void Restyle()
    {
        _style = _style with { Dark = Theme.IsDark };
        _styleKey = _style.Dark ? "dark" : "light";
        if (_view is null) return;
        _roc = PerformancePlots.Roc(_view.Roc, _view.Entry.Metrics.TestAuc, _style with { Height = 320 });
        _calibration = PerformancePlots.Calibration(_view.Calibration, _style with { Height = 320 });
    }

    private void OnThemeChanged() => InvokeAsync(() =>
    {
        Restyle();
        StateHasChanged();
    });

    public void Dispose() => Theme.Changed -= OnThemeChanged;
}
