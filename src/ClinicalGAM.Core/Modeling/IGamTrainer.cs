using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Modeling;

/// <summary>
/// An engine that fits a GAM. Implementations must use only the given training rows (held-out rows never reach
/// the fit), report progress, and stop within about a second of cancellation.
/// </summary>
public interface IGamTrainer
{
    /// <summary>Short engine name used on the CLI and in stored models ("ebm", "mlnet-gam").</summary>
    string Name { get; }

    GamModel Fit(CohortTable cohort, ModelSpecification specification, int[] trainingRows,
        IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default);
}
