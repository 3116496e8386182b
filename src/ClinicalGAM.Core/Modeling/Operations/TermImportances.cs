namespace ClinicalGAM.Core.Modeling.Operations;

/// <summary>
/// How much a term matters. MeanAbsoluteScore: InterpretML's importance, the average |score| over training patients
/// (how far the term moves a typical patient). Range: max − min over bins with data (how far it can move anyone).
/// </summary>
public sealed record TermImportance(string Term, string[] Features, double MeanAbsoluteScore, double Range);

public static class TermImportances
{
    /// <summary>All terms, most important (mean |score|) first.</summary>
    public static IReadOnlyList<TermImportance> Importances(this GamModel model) =>
        model.Terms
            .Select(t => new TermImportance(t.Name, t.Features.ToArray(), t.Importance(), t.Range()))
            .OrderByDescending(i => i.MeanAbsoluteScore)
            .ThenBy(i => i.Term, StringComparer.Ordinal)
            .ToList();
}
