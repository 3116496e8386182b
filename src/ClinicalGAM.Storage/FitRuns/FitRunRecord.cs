namespace ClinicalGAM.Storage;

/// <summary>A background fit: what was asked, how far it got, and how it ended.</summary>
public sealed class FitRunRecord : IProjectOwned
{
    public int Id { get; set; }
    /// <summary>The project it belongs to (see <see cref="ProjectScope"/>).</summary>
    public int ProjectId { get; set; }
    public int CohortId { get; set; }
    public required string SpecJson { get; set; }
    public FitRunStatus Status { get; set; }
    /// <summary>0..1 over the whole fit.</summary>
    public double Progress { get; set; }
    public string? Stage { get; set; }
    public string? ErrorMessage { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? StartedUtc { get; set; }
    public DateTime? FinishedUtc { get; set; }
    /// <summary>The model the run produced (set when it succeeds).</summary>
    public int? ModelId { get; set; }

    public CohortRecord? Cohort { get; set; }
    public ModelRecord? Model { get; set; }

    public bool IsFinished => Status is FitRunStatus.Succeeded or FitRunStatus.Failed or FitRunStatus.Cancelled;
}
