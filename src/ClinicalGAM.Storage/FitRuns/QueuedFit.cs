namespace ClinicalGAM.Storage;

/// <summary>
/// A fit as the user asked for it, recorded when it joins the queue so that a restart can start it without them.
/// <paramref name="QueuedUtc"/> is when it took its place in line (the record is written a moment later, and two
/// fits' records may land in either order); the queue is resumed in that order. Null: now.
/// </summary>
public sealed record QueuedFit(int CohortId, string SpecJson, string Name, double TestFraction, int CrossValidationFolds,
    string StartedBy, string? StartedByUserId = null, DateTime? QueuedUtc = null);
