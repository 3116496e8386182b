namespace ClinicalGAM.Storage;

/// <summary>How a check on a saved model ended: Running -> Finished | Failed | Cancelled, or Interrupted by a restart.</summary>
public enum CheckRunStatus
{
    Running,
    Finished,
    Failed,
    Cancelled,
    /// <summary>The server stopped (crash, kill, power cut) while the check ran; nothing of it was saved.</summary>
    Interrupted,
}
