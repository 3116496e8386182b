namespace ClinicalGAM.Core.Data.Csv;

/// <summary>
/// Semicolon-separated exports (Excel in most European locales) write decimals with a comma: "7,1" is 7.1 g/dL. In
/// such a file a field that is a plain number with exactly one comma ("-12,5", "0,75") is read as that decimal; any
/// other field (text, "1.234,5" with a thousands point, "1,2,3") is passed on unchanged. Comma-separated files never
/// get here: there a comma separates fields.
/// </summary>
internal sealed class DecimalComma
{
    private const int MaxLength = 64;
    private readonly char[] _buffer = new char[MaxLength];

    /// <summary>The field with its decimal comma made a point, or the field itself when it is not such a number.</summary>
    public ReadOnlySpan<char> Normalise(ReadOnlySpan<char> field)
    {
        if (field.Length is < 3 or > MaxLength) return field;
        int comma = field.IndexOf(',');
        if (comma < 0 || field.LastIndexOf(',') != comma) return field;
        int start = field[0] is '-' or '+' ? 1 : 0;
        if (comma == start || comma == field.Length - 1) return field;
        for (int i = start; i < field.Length; i++)
            if (i != comma && !char.IsAsciiDigit(field[i])) return field;
        field.CopyTo(_buffer);
        _buffer[comma] = '.';
        return _buffer.AsSpan(0, field.Length);
    }
}
