namespace ClinicalGAM.Storage;

public enum FitRunStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
