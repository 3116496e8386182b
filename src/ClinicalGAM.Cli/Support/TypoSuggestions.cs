using ClinicalGAM.Core.Data.Derived;

namespace ClinicalGAM.Cli.Support;

/// <summary>
/// The names a mistyped verb or option was probably meant to be: the closest by edit distance (at most a third of
/// the word, and at most 3, with Core's optimal string alignment distance), or those it abbreviates ("--contrib" for
/// "--contributions").
/// </summary>
internal static class TypoSuggestions
{
    public static IReadOnlyList<string> For(string typed, IEnumerable<string> known)
    {
        string core = typed.Split('=')[0].TrimStart('-');
        if (core.Length == 0) return [];
        var candidates = known.Select(k => (Name: k, Distance: NearestName.Distance(core, k.TrimStart('-')))).ToList();
        var prefixed = candidates.Where(c => c.Name.TrimStart('-').StartsWith(core, StringComparison.Ordinal) && core.Length >= 3)
            .Select(c => c.Name).ToList();
        int allowed = Math.Min(3, Math.Max(1, core.Length / 3));
        var close = candidates.Where(c => c.Distance <= allowed).ToList();
        int best = close.Count == 0 ? 0 : close.Min(c => c.Distance);
        return close.Where(c => c.Distance == best).Select(c => c.Name).Concat(prefixed).Distinct().Take(3).ToList();
    }
}
