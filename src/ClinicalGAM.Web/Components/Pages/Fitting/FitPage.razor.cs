using Microsoft.AspNetCore.Components;

namespace ClinicalGAM.Web.Components.Pages.Fitting;

public partial class FitPage
{
    [Inject] private CohortService Cohorts { get; set; } = default!;
    [Inject] private FitJobService Jobs { get; set; } = default!;

    /// <summary>Cohort id from the route.</summary>
    [Parameter] public int Id { get; set; }

    internal FitForm Form { get; private set; } = new();
    private CohortOverview? _overview;
    private string? _message;

    protected override async Task OnParametersSetAsync()
    {
        _overview = await Cohorts.OverviewAsync(Id);
        Form = FitForm.For(_overview);
    }

    // Starting a fit only happens on a click, never in OnInitialized (which runs twice with prerendering).
    private void Start()
    {
        _message = null;
        try
        {
            Jobs.Start(Id, Form.ModelName(), Form.ToSpecification(), Form.TestFraction, Form.CrossValidationFolds);
        }
        catch (ArgumentException ex)
        {
            _message = ex.Message;
        }
    }
}
