using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Web.Services;

/// <summary>
/// A fit that was waiting in the queue when the server stopped, with all the user asked for, so it can be started again
/// at start-up in its project and in its place in line (see <see cref="FitQueueResume"/>).
/// </summary>
public sealed record QueuedFitEntry(int RunId, int ProjectId, int CohortId, string Name, ModelSpecification Specification,
    double TestFraction, int CrossValidationFolds, string StartedBy, string? StartedByUserId);
