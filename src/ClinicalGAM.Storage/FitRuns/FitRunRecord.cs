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

    // What the web queue needs to start the fit again after a restart (null for runs recorded by older versions).
    /// <summary>The model's name as the user gave it.</summary>
    public string? Name { get; set; }
    /// <summary>Fraction of rows held out for the test set.</summary>
    public double? TestFraction { get; set; }
    /// <summary>k for cross-validation before the final fit; 0 = none.</summary>
    public int CrossValidationFolds { get; set; }
    /// <summary>Who started it (account e-mail, or the local user in single-user mode).</summary>
    public string? StartedBy { get; set; }
    /// <summary>The account that started it (team mode), so a resumed fit counts against that person's limit.</summary>
    public string? StartedByUserId { get; set; }

    public CohortRecord? Cohort { get; set; }
    public ModelRecord? Model { get; set; }

    /// <summary>Queued with everything needed to start it again without the user (see FitRunStore.ListResumableAsync).</summary>
    public bool IsResumable => Status == FitRunStatus.Queued && Name is not null && TestFraction is not null;

    public bool IsFinished => Status is FitRunStatus.Succeeded or FitRunStatus.Failed or FitRunStatus.Cancelled;
}
