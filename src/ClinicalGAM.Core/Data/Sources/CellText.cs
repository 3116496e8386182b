using System.Globalization;

namespace ClinicalGAM.Core.Data.Sources;

/// <summary>
/// Typed cells (Excel, Parquet) written as the text the shared inference reads: numbers round-trip exactly ("R"),
/// dates as ISO dates (read as fractional years like a CSV date), booleans as true/false. Formatting into a reused
/// buffer allocates nothing per cell.
/// </summary>
internal sealed class CellText
{
    private readonly char[] _buffer = new char[64];

    public ReadOnlySpan<char> Number(double x) =>
        double.IsNaN(x) ? default : x.TryFormat(_buffer, out int n, "R", CultureInfo.InvariantCulture) ? _buffer.AsSpan(0, n) : x.ToString("R", CultureInfo.InvariantCulture);

    public ReadOnlySpan<char> Integer(long x) =>
        x.TryFormat(_buffer, out int n, default, CultureInfo.InvariantCulture) ? _buffer.AsSpan(0, n) : x.ToString(CultureInfo.InvariantCulture);

    public ReadOnlySpan<char> Decimal(decimal x) =>
        x.TryFormat(_buffer, out int n, default, CultureInfo.InvariantCulture) ? _buffer.AsSpan(0, n) : x.ToString(CultureInfo.InvariantCulture);

    public ReadOnlySpan<char> Date(DateTime d)
    {
        string format = d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-ddTHH:mm:ss";
        return d.TryFormat(_buffer, out int n, format, CultureInfo.InvariantCulture) ? _buffer.AsSpan(0, n) : d.ToString(format, CultureInfo.InvariantCulture);
    }

    public static ReadOnlySpan<char> Boolean(bool b) => b ? "true" : "false";

    /// <summary>Any boxed cell value; null and empty are missing.</summary>
    public ReadOnlySpan<char> Of(object? value) => value switch
    {
        null => default,
        string s => s.AsSpan().Trim(),
        double d => Number(d),
        float f => Number(f),
        int i => Integer(i),
        long l => Integer(l),
        decimal m => Decimal(m),
        bool b => Boolean(b),
        DateTime t => Date(t),
        DateOnly d => Date(d.ToDateTime(TimeOnly.MinValue)),
        _ => (Convert.ToString(value, CultureInfo.InvariantCulture) ?? "").AsSpan().Trim(),
    };
}
