using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>The words for an effect on the model's link scale, for messages (a flag's effect is on that scale).</summary>
public static class EffectUnits
{
    /// <summary>"log-odds" (logloss), "log-rate" (poisson), "outcome units" (rmse).</summary>
    public static string Of(Objective objective) => objective switch
    {
        Objective.LogLoss => "log-odds",
        Objective.Poisson => "log-rate",
        _ => "outcome units",
    };

    /// <summary>What the model predicts, as a sentence subject: "risk", "the modelled rate", "the modelled outcome".</summary>
    public static string Quantity(Objective objective) => objective switch
    {
        Objective.LogLoss => "risk",
        Objective.Poisson => "the modelled rate",
        _ => "the modelled outcome",
    };
}
