using ClinicalGAM.Core.Data.Csv;

namespace ClinicalGAM.Core.Data.Sources;

/// <summary>The checks every header passes, whatever the file format: every column named, no name twice, not a data row.</summary>
internal static class HeaderNames
{
    /// <param name="line">Where the header is (line 1 of a CSV, the header row of a sheet).</param>
    /// <param name="place">Names column c for the message, e.g. "#3" or "C" (a sheet's column letter).</param>
    public static string[] Check(IReadOnlyList<string> raw, long line, string lineWord = "Line", Func<int, string>? place = null)
    {
        place ??= c => $"#{c + 1}";
        var names = new string[raw.Count];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < names.Length; c++)
        {
            names[c] = raw[c].Trim();
            if (names[c].Length == 0)
                throw new CohortFormatException($"column {c + 1} of the header has no name.", line, place(c), lineWord);
            if (!seen.TryAdd(names[c], c))
                throw new CohortFormatException(
                    $"the header names this column twice (columns {seen[names[c]] + 1} and {c + 1}).", line, names[c], lineWord);
        }
        if (names.All(n => ValueParser.TryNumber(n, out _)))
            throw new CohortFormatException(
                "there is no header: the first line holds numbers, not column names. Add a header line.", line, null, lineWord);
        return names;
    }
}
