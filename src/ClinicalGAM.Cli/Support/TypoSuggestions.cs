namespace ClinicalGAM.Cli.Support;

/// <summary>
/// The names a mistyped verb or option was probably meant to be: the closest by edit distance (at most a third of
/// the word, and at most 3), or those it abbreviates ("--contrib" for "--contributions").
/// </summary>
internal static class TypoSuggestions
{
    public static IReadOnlyList<string> For(string typed, IEnumerable<string> known)
    {
        string core = typed.Split('=')[0].TrimStart('-');
        if (core.Length == 0) return [];
        var candidates = known.Select(k => (Name: k, Distance: Distance(core, k.TrimStart('-')))).ToList();
        var prefixed = candidates.Where(c => c.Name.TrimStart('-').StartsWith(core, StringComparison.Ordinal) && core.Length >= 3)
            .Select(c => c.Name).ToList();
        int allowed = Math.Min(3, Math.Max(1, core.Length / 3));
        var close = candidates.Where(c => c.Distance <= allowed).ToList();
        int best = close.Count == 0 ? 0 : close.Min(c => c.Distance);
        return close.Where(c => c.Distance == best).Select(c => c.Name).Concat(prefixed).Distinct().Take(3).ToList();
    }

    // Optimal string alignment distance: a swapped pair of letters ("otucome") counts as one typo.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        for (int j = 1; j <= b.Length; j++)
        {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
        }
        return d[a.Length, b.Length];
    }
}
