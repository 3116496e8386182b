using ClinicalGAM.Storage;

namespace ClinicalGAM.Web.Services;

/// <summary>A check started on a saved model (Goodhart), as the model page shows it: when, by whom, how it ended.</summary>
public sealed record CheckRunEntry(int Id, int ModelId, CheckRunStatus Status, string StartedBy, DateTimeOffset StartedUtc,
    DateTimeOffset? FinishedUtc, string? Message)
{
    /// <summary>The server stopped while it ran: nothing of it was saved and the user should re-run it.</summary>
    public bool WasInterrupted => Status == CheckRunStatus.Interrupted;
}
