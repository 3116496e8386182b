using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Modeling;

/// <summary>Anything that turns a cohort into predictions on the outcome scale (probability for binary outcomes).</summary>
public interface IRiskScorer
{
    ModelInfo Info { get; }
    double[] Predict(CohortTable cohort, CancellationToken cancellationToken = default);
}
