using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Web.Services;

/// <summary>A fit running (or finished) in the background; pages read it and subscribe to FitJobService.Changed.</summary>
public sealed class FitJob
{
    internal FitJob(int cohortId, string name, ModelSpecification specification, double testFraction, int crossValidationFolds = 0)
    {
        CrossValidationFolds = crossValidationFolds;
        CohortId = cohortId;
        Name = name;
        Specification = specification;
        TestFraction = testFraction;
    }

    public Guid Id { get; } = Guid.NewGuid();
    /// <summary>The project it was started in (lists show the current project's jobs only).</summary>
    public int ProjectId { get; } = ClinicalGAM.Storage.ProjectScope.Current?.ProjectId ?? -1;
    /// <summary>Who started it (the account, or the OS user in single-user mode).</summary>
    public string StartedBy { get; } = ClinicalGAM.Storage.ProjectScope.Current?.Who ?? "";
    /// <summary>The account that started it (team mode; null in single-user mode).</summary>
    public string? StartedByUserId { get; } = ClinicalGAM.Storage.ProjectScope.Current?.UserId;
    /// <summary>True when it was waiting in the queue at a restart and was started again without the user.</summary>
    public bool Resumed { get; internal init; }
    public int CohortId { get; }
    public string Name { get; }
    public ModelSpecification Specification { get; }
    public double TestFraction { get; }
    /// <summary>k for k-fold cross-validation on the training rows before the final fit; 0 = none.</summary>
    public int CrossValidationFolds { get; }
    public DateTimeOffset StartedUtc { get; } = DateTimeOffset.UtcNow;
    /// <summary>When it took its place in line, strictly increasing across jobs (the persisted queue's order).</summary>
    internal DateTime QueuedUtc { get; init; }
    public FitStatus Status { get; internal set; } = FitStatus.Queued;
    public double Fraction { get; internal set; }
    public string Stage { get; internal set; } = "queued";
    public string? Error { get; internal set; }
    public int? ModelId { get; internal set; }
    /// <summary>The persisted fit-run id once recorded.</summary>
    public int? RunId { get; internal set; }
    public bool IsActive => Status is FitStatus.Queued or FitStatus.Running;
    internal CancellationTokenSource Cancellation { get; } = new();
}
