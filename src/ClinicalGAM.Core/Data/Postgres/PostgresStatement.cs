namespace ClinicalGAM.Core.Data.Postgres;

/// <summary>
/// The user's query, checked before it reaches the server: one reading statement (SELECT, WITH ... SELECT, VALUES or
/// TABLE), nothing after it. The server enforces the same by running it as a read-only cursor; this check only makes
/// the refusal clear ("this is an UPDATE") instead of a PostgreSQL error about cursors.
/// </summary>
internal static class PostgresStatement
{
    private static readonly string[] Reading = ["select", "with", "values", "table"];

    /// <summary>The query without trailing semicolons, or a <see cref="CohortFormatException"/> saying why it is refused.</summary>
    public static string Check(string? sql)
    {
        if (string.IsNullOrWhiteSpace(sql)) throw new CohortFormatException("the query is empty: write a SELECT statement.");
        string text = sql.TrimEnd();
        int end = text.Length;
        while (end > 0 && (text[end - 1] == ';' || char.IsWhiteSpace(text[end - 1]))) end--;
        text = text[..end];

        int i = SkipTrivia(text, 0);
        while (i < text.Length && text[i] == '(') i = SkipTrivia(text, i + 1);
        int start = i;
        while (i < text.Length && (char.IsLetter(text[i]) || text[i] == '_')) i++;
        string first = text[start..i].ToLowerInvariant();
        if (first.Length == 0) throw new CohortFormatException("the query is empty: write a SELECT statement.");
        if (!Reading.Contains(first))
            throw new CohortFormatException(
                $"only a reading query (SELECT) can build a cohort, and this one starts with {first.ToUpperInvariant()}: nothing was run.");
        int semicolon = StatementEnd(text);
        if (semicolon >= 0)
            throw new CohortFormatException(
                $"the query holds more than one statement (a ';' at {Where(text, semicolon)}): give a single SELECT; nothing was run.");
        return text;
    }

    /// <summary>"line L, column C" of a 0-based offset in the query, as an editor numbers it.</summary>
    public static string Where(string text, int offset)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        int line = 1, column = 1;
        for (int k = 0; k < offset; k++)
        {
            if (text[k] == '\n') { line++; column = 1; }
            else column++;
        }
        return $"line {line}, column {column}";
    }

    // Skips white space and comments (-- to the end of the line, /* nested */).
    private static int SkipTrivia(string s, int i)
    {
        while (i < s.Length)
        {
            if (char.IsWhiteSpace(s[i])) i++;
            else if (At(s, i, "--")) { while (i < s.Length && s[i] != '\n') i++; }
            else if (At(s, i, "/*")) i = BlockCommentEnd(s, i);
            else break;
        }
        return i;
    }

    // The first ';' outside quotes, dollar quotes and comments, or -1.
    private static int StatementEnd(string s)
    {
        int i = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (c == ';') return i;
            if (c is '\'' or '"') i = QuotedEnd(s, i, c);
            else if (At(s, i, "--")) { while (i < s.Length && s[i] != '\n') i++; }
            else if (At(s, i, "/*")) i = BlockCommentEnd(s, i);
            else if (c == '$' && DollarTag(s, i) is { } tag)
            {
                int close = s.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                i = close < 0 ? s.Length : close + tag.Length;
            }
            else i++;
        }
        return -1;
    }

    private static int QuotedEnd(string s, int i, char quote)
    {
        i++;
        while (i < s.Length)
        {
            if (s[i] == quote)
            {
                if (i + 1 < s.Length && s[i + 1] == quote) { i += 2; continue; } // '' inside a literal
                return i + 1;
            }
            i++;
        }
        return i;
    }

    private static int BlockCommentEnd(string s, int i)
    {
        int depth = 0;
        while (i < s.Length)
        {
            if (At(s, i, "/*")) { depth++; i += 2; }
            else if (At(s, i, "*/")) { i += 2; if (--depth == 0) return i; }
            else i++;
        }
        return i;
    }

    private static string? DollarTag(string s, int i)
    {
        int k = i + 1;
        while (k < s.Length && (char.IsLetterOrDigit(s[k]) || s[k] == '_')) k++;
        return k < s.Length && s[k] == '$' && (k == i + 1 || !char.IsDigit(s[i + 1])) ? s[i..(k + 1)] : null;
    }

    private static bool At(string s, int i, string token) => string.CompareOrdinal(s, i, token, 0, token.Length) == 0;
}
