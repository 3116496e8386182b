namespace ClinicalGAM.Storage;

/// <summary>
/// Who is acting and in which project, for the code running on their behalf (an HTTP request, a Blazor circuit event,
/// a fit started from it). Every ClinicalGamDbContext created inside a scope sees only that project's rows, and
/// stamps new rows with it; outside any scope (CLI, start-up, storage tests) nothing is filtered and new rows go to
/// the default project. The web sets it once per request and per circuit activity, so no page has to.
/// </summary>
public sealed record ProjectScope(int ProjectId, ProjectRole Role, string Who, bool SiteAdmin, string? UserId = null, string? From = null)
{
    private static readonly AsyncLocal<ProjectScope?> _current = new();

    /// <summary>The scope of the code running now, or null outside any.</summary>
    public static ProjectScope? Current => _current.Value;

    /// <summary>Makes <paramref name="scope"/> current until the returned handle is disposed.</summary>
    public static IDisposable Enter(ProjectScope scope)
    {
        var previous = _current.Value;
        _current.Value = scope;
        return new Restore(previous);
    }

    /// <summary>True when the role is at least <paramref name="needed"/>.</summary>
    public bool Allows(ProjectRole needed) => Role >= needed;

    private sealed class Restore(ProjectScope? previous) : IDisposable
    {
        public void Dispose() => _current.Value = previous;
    }
}
