using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Data.Derived;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Cli.Support;

/// <summary>
/// The shared "--derive name=formula" option (repeatable): every verb that reads a cohort adds the derived columns
/// the same way, after the model's own derived features when a model is given.
/// </summary>
internal static class DerivedColumns
{
    public const string Option = "--derive";
    public const string Usage = "[--derive \"name=formula\" ...]";

    /// <summary>The definitions given on the command line, in order.</summary>
    public static IReadOnlyList<DerivedFeature> FromArguments(CliArguments arguments)
    {
        var list = new List<DerivedFeature>();
        foreach (var text in arguments.All(Option))
        {
            try { list.Add(DerivedFeature.Parse(text)); }
            catch (DerivedFeatureException e) { throw new CliUsageException($"{Option}: {e.Reason}"); }
        }
        return list;
    }

    /// <summary>
    /// The model's derived features followed by the command line's. Repeating one of the model's with the same formula
    /// is harmless; redefining it differently is refused, as the model was fitted on the model's definition.
    /// </summary>
    public static IReadOnlyList<DerivedFeature> Combine(GamModel model, CliArguments arguments)
    {
        var combined = model.Info.DerivedFeatures.ToList();
        foreach (var extra in FromArguments(arguments))
        {
            var existing = combined.FirstOrDefault(d => d.Name == extra.Name);
            if (existing is null) combined.Add(extra);
            else if (existing.Formula != extra.Formula)
                throw new CliUsageException(
                    $"The model defines '{extra.Name}' as '{existing.Formula}'; {Option} cannot redefine it as '{extra.Formula}'.");
        }
        return combined;
    }

    /// <summary>Appends the derived columns and tells the user on stderr about rows the formulas left missing.</summary>
    public static CohortTable Apply(CohortTable table, IReadOnlyList<DerivedFeature> derived, TextWriter log)
    {
        if (derived.Count == 0) return table;
        return DerivedFeatureEvaluator.Apply(table, derived, result =>
        {
            foreach (var missing in result.Missing)
                log.WriteLine($"Note: derived feature '{result.Feature.Name}': {missing.Message} (left missing).");
        });
    }
}
