using System.Globalization;

namespace ClinicalGAM.Core.Data.Csv;

/// <summary>Culture-independent parsing of numbers, ISO dates and boolean-like words.</summary>
internal static class ValueParser
{
    private static readonly double[] PowersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    public static bool TryNumber(ReadOnlySpan<char> s, out double value) =>
        TryPlainDecimal(s, out value)
        || (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value));

    /// <summary>
    /// Fast path for the common "-123.45" shape with at most 15 digits: the digits form an exact integer and 10^k is
    /// exact, so one IEEE division gives the correctly rounded double, identical to double.Parse. Anything else
    /// (exponents, signs '+', long mantissas) falls back to the framework parser.
    /// </summary>
    internal static bool TryPlainDecimal(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = s.Length > 0 && s[0] == '-';
        if (negative) i = 1;
        long mantissa = 0;
        int digits = 0, decimals = 0;
        bool point = false;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if ((uint)(c - '0') <= 9)
            {
                if (++digits > 15) return false;
                mantissa = mantissa * 10 + (c - '0');
                if (point) decimals++;
            }
            else if (c == '.' && !point) point = true;
            else return false;
        }
        if (digits == 0) return false;
        double magnitude = decimals == 0 ? mantissa : mantissa / PowersOfTen[decimals];
        value = negative ? -magnitude : magnitude;
        return true;
    }

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
