namespace ClinicalGAM.Storage;

/// <summary>
/// A fit as the user asked for it, recorded when it joins the queue so that a restart can start it without them.
/// </summary>
public sealed record QueuedFit(int CohortId, string SpecJson, string Name, double TestFraction, int CrossValidationFolds,
    string StartedBy, string? StartedByUserId = null);
