namespace ClinicalGAM.Core.Data.Csv;

/// <summary>Reads intent from column names: "patient_id" is an identifier, "delivery_year" a calendar year.</summary>
internal static class ColumnNames
{
    private static readonly HashSet<string> IdentifierWords = ["id", "mrn", "uuid", "guid", "identifier"];
    private static readonly HashSet<string> DateWords = ["year", "date", "yr"];

    public static bool LooksLikeIdentifier(string name) => Words(name).Any(IdentifierWords.Contains);
    public static bool LooksLikeDate(string name) => Words(name).Any(DateWords.Contains);

    /// <summary>Splits snake_case, kebab-case, spaces and camelCase into lower-case words.</summary>
    internal static IEnumerable<string> Words(string name)
    {
        var word = new System.Text.StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool boundary = !char.IsLetterOrDigit(c) || (i > 0 && char.IsUpper(c) && char.IsLower(name[i - 1]));
            if (boundary && word.Length > 0)
            {
                yield return word.ToString().ToLowerInvariant();
                word.Clear();
            }
            if (char.IsLetterOrDigit(c)) word.Append(c);
        }
        if (word.Length > 0) yield return word.ToString().ToLowerInvariant();
    }
}
