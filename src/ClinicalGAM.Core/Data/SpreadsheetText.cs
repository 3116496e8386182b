using System.Globalization;

namespace ClinicalGAM.Core.Data;

/// <summary>
/// Formula injection: a CSV cell starting with =, +, -, @, tab or carriage return is run as a formula by a spreadsheet.
/// On export such text (not a number) gets a leading single quote, the spreadsheet convention for "this is text";
/// on reading a CSV the quote is taken off again, so a cohort exported and read back is unchanged. The text itself is
/// always kept as text: nothing is evaluated.
/// </summary>
public static class SpreadsheetText
{
    private static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>The text as a spreadsheet-safe cell value (before CSV quoting).</summary>
    public static string Escape(string text) =>
        text.Length > 0 && IsFormulaStart(text[0]) && !IsNumber(text) ? "'" + text : text;

    /// <summary>The value as written before <see cref="Escape"/>: a quote before a formula start is removed.</summary>
    public static ReadOnlySpan<char> Unescape(ReadOnlySpan<char> value) =>
        value.Length > 1 && value[0] == '\'' && IsFormulaStart(value[1]) && !IsNumber(value[1..]) ? value[1..] : value;

    private static bool IsNumber(ReadOnlySpan<char> text) =>
        text.IndexOfAny('\t', '\r') < 0 && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
