using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Cli.Support;

/// <summary>Which columns enter a fit: the named ones, or all but the outcome, weights, identifiers and exclusions.</summary>
internal static class FeatureSelection
{
    public static string[] Choose(CohortTable table, string outcome, string? weightColumn, string[] features, string[] exclude)
    {
        if (features.Length > 0 && exclude.Length > 0)
            throw new CliUsageException("Give either --features or --exclude, not both.");
        foreach (var name in features.Concat(exclude))
            if (!table.Contains(name)) throw new CohortFormatException("the cohort has no such column.", null, name);
        if (features.Contains(outcome)) throw new CliUsageException($"The outcome '{outcome}' cannot also be a feature.");
        if (features.Length > 0) return features.Distinct().ToArray();
        var chosen = table.Columns
            .Where(c => c.Name != outcome && c.Name != weightColumn && c.Kind != ColumnKind.Identifier && !exclude.Contains(c.Name))
            .Select(c => c.Name)
            .ToArray();
        if (chosen.Length == 0) throw new CliUsageException("No feature columns are left to fit.");
        return chosen;
    }
}
