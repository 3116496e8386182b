using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Data.Derived;
using ClinicalGAM.Web.Services;
using Microsoft.AspNetCore.Components;

namespace ClinicalGAM.Web.Components.Pages.Cohorts;

public partial class DerivedFeaturesCard
{
    [Inject] private CohortService Cohorts { get; set; } = default!;

    /// <summary>The cohort whose derived features this edits.</summary>
    [Parameter, EditorRequired] public int CohortId { get; set; }

    /// <summary>Raised after a feature was saved or deleted (the cohort's table and profiles changed).</summary>
    [Parameter] public EventCallback OnChanged { get; set; }

    private CohortTable? _table;
    private IReadOnlyList<DerivedFeature> _existing = [];
    private IReadOnlyList<FormulaError> _errors = [];
    private DerivedFeatureResult? _result;
    private string _name = "", _formula = "";
    private string? _message;

    private bool CanSave => _table is not null && _errors.Count == 0 && _result is not null;

    protected override async Task OnParametersSetAsync() => await ReloadAsync();

    private async Task ReloadAsync()
    {
        _table = await Cohorts.TableAsync(CohortId);
        _existing = await Cohorts.DerivedAsync(CohortId);
        Revalidate();
    }

    private void NameChanged(string? value)
    {
        _name = value ?? "";
        Revalidate();
    }

    private void FormulaChanged(string? value)
    {
        _formula = value ?? "";
        Revalidate();
    }

    // Runs on every keystroke: validation touches no rows; the preview is computed only once the formula is valid.
    private void Revalidate()
    {
        _message = null;
        _result = null;
        if (_table is null || (_name.Trim().Length == 0 && _formula.Trim().Length == 0))
        {
            _errors = [];
            return;
        }
        var feature = new DerivedFeature(_name.Trim(), _formula.Trim());
        _errors = Modeling.ValidateFormula(_table, feature);
        if (_errors.Count > 0) return;
        try
        {
            _result = Modeling.EvaluateFormula(_table, feature);
        }
        catch (DerivedFeatureException ex)
        {
            _message = ex.Message;
        }
    }

    private async Task SaveAsync()
    {
        try
        {
            await Cohorts.AddDerivedAsync(CohortId, _name, _formula);
        }
        catch (ArgumentException ex)
        {
            _message = ex.Message;
            return;
        }
        _name = _formula = "";
        await ReloadAsync();
        await OnChanged.InvokeAsync();
    }

    private async Task DeleteAsync(string name)
    {
        await Cohorts.DeleteDerivedAsync(CohortId, name);
        await ReloadAsync();
        await OnChanged.InvokeAsync();
    }
}
