namespace ClinicalGAM.Core.Diagnostics.Fairness;

/// <summary>Test-time blinding: the attribute's contribution replaced by its average over the cohort. No refit.</summary>
public sealed class TestTimeBlindingStrategy : IFairnessStrategy
{
    public string Name => "test-time blinding";

    public StrategyModel Build(FairnessSetting setting, CancellationToken cancellationToken) => new(
        AttributeRemoval.Blind(setting.Reference, setting.Sensitive, setting.Cohort),
        "its contribution replaced by its population average", setting.Reference);
}
