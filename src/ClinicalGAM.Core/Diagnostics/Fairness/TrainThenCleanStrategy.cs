using ClinicalGAM.Core.Diagnostics.MeasurementValue;

namespace ClinicalGAM.Core.Diagnostics.Fairness;

/// <summary>
/// Train then clean: the attribute's main term removed from the reference and its pairs averaged onto the other
/// feature (see <see cref="AttributeRemoval.Clean"/>), the intercept re-centred on the training rows. No refit.
/// </summary>
public sealed class TrainThenCleanStrategy : IFairnessStrategy
{
    public string Name => "train then clean";

    public StrategyModel Build(FairnessSetting setting, CancellationToken cancellationToken) => new(
        MeasurementValueAnalysis.Recentre(AttributeRemoval.Clean(setting.Reference, setting.Sensitive), setting.Cohort,
            setting.Labels, setting.Split.Train),
        "its main term and pairs removed (pairs averaged onto the other feature), intercept re-centred", setting.Reference);
}
