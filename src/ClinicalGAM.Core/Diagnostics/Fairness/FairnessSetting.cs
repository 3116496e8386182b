using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Diagnostics.Fairness;

/// <summary>
/// What every strategy starts from: the cohort and its seeded split, the attribute and its groups, the feature lists
/// with and without it, the reference model, and the modified-loss game played once for the whole comparison.
/// </summary>
/// <param name="Fitted">The saved model when one was given, else null.</param>
/// <param name="FastWithAttribute">A fast refit with the attribute on the training rows: the baseline of the refitting strategies.</param>
/// <param name="ModifiedLoss">The modified loss at <see cref="FairnessOptions.Strength"/>.</param>
/// <param name="Unconstrained">The modified-loss game's unconstrained best response: the baseline of its shape shifts.</param>
/// <param name="Parity">The constraint in words ("demographic parity" or "equalised odds").</param>
public sealed record FairnessSetting(
    CohortTable Cohort,
    string Outcome,
    string Sensitive,
    double[] Labels,
    string[] Groups,
    DataSplit Split,
    IReadOnlyList<string> WithAttribute,
    IReadOnlyList<string> WithoutAttribute,
    FairnessOptions Options,
    GamModel? Fitted,
    GamModel FastWithAttribute,
    ConstrainedFit ModifiedLoss,
    GamModel Unconstrained,
    string Parity)
{
    /// <summary>The model the strategies that edit a model start from: the saved one, else the fast refit.</summary>
    public GamModel Reference => Fitted ?? FastWithAttribute;
}
