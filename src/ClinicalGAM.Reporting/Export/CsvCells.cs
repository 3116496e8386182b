using System.Globalization;

namespace ClinicalGAM.Reporting.Export;

/// <summary>
/// CSV cells safe to open in a spreadsheet: RFC 4180 quoting, and text that a spreadsheet would run as a formula
/// (starting with =, +, -, @, tab or carriage return) prefixed with a single quote. Numbers are written as numbers.
/// </summary>
public static class CsvCells
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>A text cell (column name, level, label): neutralised against formula injection, then quoted if needed.</summary>
    public static string Text(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (Array.IndexOf(FormulaStarts, text[0]) >= 0 && !IsNumber(text)) text = "'" + text;
        return Quote(text);
    }

    /// <summary>A number cell, round-trippable and culture-free; empty for NaN (missing).</summary>
    public static string Number(double value) =>
        double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    private static bool IsNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && !text.Contains('\t') && !text.Contains('\r');

    private static string Quote(string text)
    {
        bool needs = text.AsSpan().IndexOfAny(",\"\n\r") >= 0 || text[0] == ' ' || text[^1] == ' ';
        return needs ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
