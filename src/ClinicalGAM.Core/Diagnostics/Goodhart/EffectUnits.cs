using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>The word for an effect on the model's link scale, for messages.</summary>
internal static class EffectUnits
{
    public static string Of(Objective objective) => objective switch
    {
        Objective.LogLoss => "log-odds",
        Objective.Poisson => "log-rate",
        _ => "outcome units",
    };
}
