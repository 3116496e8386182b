namespace ClinicalGAM.Core.Diagnostics.Fairness;

/// <summary>
/// Modified loss: the exponentiated-gradient reduction (see <see cref="ExponentiatedGradient"/>) at the chosen strength,
/// reported through its expected-score GAM; the game itself is played once for the comparison (its curve too).
/// </summary>
public sealed class ModifiedLossStrategy : IFairnessStrategy
{
    public string Name => "modified loss";

    public StrategyModel Build(FairnessSetting setting, CancellationToken cancellationToken)
    {
        var fit = setting.ModifiedLoss;
        return new(fit.ExpectedGam,
            $"exponentiated gradient for {setting.Parity} at strength {setting.Options.Strength:0.##} (bound ε = {fit.Epsilon:0.###}): " +
            $"expected score of a randomised mixture of {fit.Mixture.Members.Count} GAMs, itself a GAM (averaged shapes)",
            setting.Unconstrained);
    }
}
