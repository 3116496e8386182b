using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Diagnostics.Fairness;

/// <summary>
/// One way of keeping a model from leaning on a sensitive attribute: builds the model that strategy would deploy, from
/// the training rows only. <see cref="FairnessComparison"/> scores every strategy on the same seeded test rows; a new
/// strategy is one new class added to <see cref="FairnessComparison.Strategies"/>.
/// </summary>
public interface IFairnessStrategy
{
    /// <summary>Its name in the report ("remove", "reweighing", ...).</summary>
    string Name { get; }

    StrategyModel Build(FairnessSetting setting, CancellationToken cancellationToken);
}

/// <summary>
/// A strategy's model, what was done in one sentence, and the model its other terms' shapes are compared with (null:
/// no comparison, as for the reference itself).
/// </summary>
public sealed record StrategyModel(GamModel Model, string Description, GamModel? ShapeBaseline);
