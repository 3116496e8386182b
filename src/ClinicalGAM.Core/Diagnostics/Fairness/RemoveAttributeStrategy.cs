using ClinicalGAM.Core.Diagnostics.MeasurementValue;

namespace ClinicalGAM.Core.Diagnostics.Fairness;

/// <summary>Refit without the attribute: other features may take up what it carried (see the proxy finder).</summary>
public sealed class RemoveAttributeStrategy : IFairnessStrategy
{
    public string Name => "remove";

    public StrategyModel Build(FairnessSetting setting, CancellationToken cancellationToken) => new(
        FastRefit.Fit(setting.Cohort, setting.Outcome, setting.WithoutAttribute, setting.Split.Train, setting.Options.Seed, cancellationToken),
        "refit without the attribute", setting.FastWithAttribute);
}
