namespace ClinicalGAM.Core.Modeling;

/// <summary>The loss a model is fitted to, and so the link between its additive score and the outcome.</summary>
public enum Objective
{
    /// <summary>Binary outcome; score is log-odds, prediction is a probability.</summary>
    LogLoss,
    /// <summary>Continuous outcome (blood loss, length of stay); identity link.</summary>
    Rmse,
    /// <summary>Counts; log link.</summary>
    Poisson,
}

public static class ObjectiveLink
{
    /// <summary>Maps the additive score (intercept + terms) to the outcome scale.</summary>
    public static double Inverse(Objective objective, double score) => objective switch
    {
        Objective.LogLoss => 1.0 / (1.0 + Math.Exp(-score)),
        Objective.Poisson => Math.Exp(score),
        _ => score,
    };
}
