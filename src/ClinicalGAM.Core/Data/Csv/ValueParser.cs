using System.Globalization;

namespace ClinicalGAM.Core.Data.Csv;

/// <summary>Culture-independent parsing of numbers, ISO dates and boolean-like words.</summary>
internal static class ValueParser
{
    public static bool TryNumber(ReadOnlySpan<char> s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>ISO dates (2019-03-04, optionally with a time) as a fractional calendar year, so a GAM can bin them.</summary>
    public static bool TryIsoDate(ReadOnlySpan<char> s, out double year)
    {
        year = double.NaN;
        // Cheap shape check first: yyyy-MM-dd...; plain numbers never get here as dates.
        if (s.Length < 10 || s[4] != '-' || s[7] != '-') return false;
        if (!DateTime.TryParse(s, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)) return false;
        year = FractionalYear(date);
        return true;
    }

    public static double FractionalYear(DateTime date)
    {
        var start = new DateTime(date.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        double daysInYear = DateTime.IsLeapYear(date.Year) ? 366 : 365;
        return date.Year + (date.ToUniversalTime() - start).TotalDays / daysInYear;
    }

    /// <summary>1 for yes/true/y/t/positive, 0 for no/false/n/f/negative, null for anything else.</summary>
    public static double? BooleanWord(string s) => s.Trim().ToLowerInvariant() switch
    {
        "yes" or "y" or "true" or "t" or "positive" or "pos" => 1.0,
        "no" or "n" or "false" or "f" or "negative" or "neg" => 0.0,
        _ => null,
    };
}
