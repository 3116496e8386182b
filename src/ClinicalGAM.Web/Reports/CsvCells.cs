namespace ClinicalGAM.Web.Reports;

/// <summary>CSV cells for exported files: quoting, and text that a spreadsheet would run as a formula made inert.</summary>
public static class CsvCells
{
    /// <summary>
    /// A text cell: prefixed with an apostrophe when it starts with =, +, -, @ (or tab / carriage return), so a
    /// spreadsheet shows it instead of evaluating it; quoted when it holds a comma, quote or line break.
    /// Numbers are not passed through here (a negative score must stay a number).
    /// </summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    public static string Number(double value) =>
        double.IsNaN(value) ? "" : value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
