namespace ClinicalGAM.Web.Services;

/// <summary>Light/dark choice for this browser tab; plots read it to pick their colours.</summary>
public sealed class ThemeState
{
    public bool IsDark { get; private set; }
    public event Action? Changed;

    public void Toggle()
    {
        IsDark = !IsDark;
        Changed?.Invoke();
    }
}
