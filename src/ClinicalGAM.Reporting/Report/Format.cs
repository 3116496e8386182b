using System.Globalization;

namespace ClinicalGAM.Reporting.Report;

/// <summary>Numbers as a report prints them: invariant culture, fixed decimals, "n/a" for NaN.</summary>
internal static class Format
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Number(double value, int decimals) =>
        double.IsFinite(value) ? value.ToString("F" + decimals, Inv) : "n/a";

    public static string Count(double value) => double.IsFinite(value) ? value.ToString("N0", Inv) : "n/a";

    public static string Percent(double fraction, int decimals = 1) =>
        double.IsFinite(fraction) ? (100 * fraction).ToString("F" + decimals, Inv) + "%" : "n/a";

    public static string General(double value) => double.IsFinite(value) ? value.ToString("G6", Inv) : "n/a";
}
