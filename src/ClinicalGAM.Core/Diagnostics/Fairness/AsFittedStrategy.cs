namespace ClinicalGAM.Core.Diagnostics.Fairness;

/// <summary>The reference row: the saved model unchanged, or a fast refit with the attribute when none was given.</summary>
public sealed class AsFittedStrategy : IFairnessStrategy
{
    public string Name => "as fitted";

    public StrategyModel Build(FairnessSetting setting, CancellationToken cancellationToken) => new(setting.Reference,
        setting.Fitted is null ? "fast refit with the attribute (reference)" : "the saved model, unchanged", null);
}
