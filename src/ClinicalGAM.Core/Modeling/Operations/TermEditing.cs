namespace ClinicalGAM.Core.Modeling.Operations;

/// <summary>
/// Editing a fitted model by hand, as a clinician-statistician would after reading its shapes: drop terms, drop a
/// feature with all its pairs, or shrink/strengthen a term. Terms are centred, so dropping one leaves the intercept
/// as it is. Every operation returns a new model.
/// </summary>
public static class TermEditing
{
    public static GamModel RemoveTerms(this GamModel model, params string[] termNames)
    {
        foreach (var name in termNames)
            if (model.Term(name) is null) throw new ArgumentException($"The model has no term '{name}'.", nameof(termNames));
        var drop = new HashSet<string>(termNames, StringComparer.Ordinal);
        return model.WithTerms(model.Terms.Where(t => !drop.Contains(t.Name)).ToList());
    }

    /// <summary>Removes every term that uses the feature: its main effect and all its pairs.</summary>
    public static GamModel RemoveFeature(this GamModel model, string feature)
    {
        if (!model.Terms.Any(t => t.Features.Contains(feature)))
            throw new ArgumentException($"No term of the model uses feature '{feature}'.", nameof(feature));
        var kept = model.Terms.Where(t => !t.Features.Contains(feature)).ToList();
        var info = model.Info with { Features = model.Info.Features.Where(f => f != feature).ToArray() };
        return new GamModel(info, model.Intercept, kept, model.BagIntercepts);
    }

    /// <summary>Multiplies a term's scores (and each bag's) by a factor; standard deviations scale by |factor|.</summary>
    public static GamModel ScaleTerm(this GamModel model, string termName, double factor)
    {
        if (!double.IsFinite(factor)) throw new ArgumentOutOfRangeException(nameof(factor), "The factor must be a finite number.");
        var term = model.Term(termName) ?? throw new ArgumentException($"The model has no term '{termName}'.", nameof(termName));
        var scaled = new GamTerm(term.Name, term.Binnings,
            term.Scores.Select(s => s * factor).ToArray(),
            term.StandardDeviations.Select(s => s * Math.Abs(factor)).ToArray(),
            (double[])term.BinWeights.Clone(),
            term.BagScores?.Select(bag => bag.Select(s => s * factor).ToArray()).ToArray());
        return model.WithTerms(model.Terms.Select(t => t.Name == termName ? scaled : t).ToList());
    }

    internal static GamModel WithTerms(this GamModel model, IReadOnlyList<GamTerm> terms) =>
        new(model.Info, model.Intercept, terms, model.BagIntercepts);
}
