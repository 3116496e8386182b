namespace ClinicalGAM.Core.Data;

/// <summary>One typed column of a cohort. Values are held column-wise so that a million rows stay compact.</summary>
public abstract class CohortColumn
{
    protected CohortColumn(string name, ColumnKind kind)
    {
        Name = name;
        Kind = kind;
    }

    public string Name { get; }
    public ColumnKind Kind { get; }
    public abstract int Length { get; }
    public abstract bool IsMissing(int row);

    /// <summary>The value as text, as a user would see it in a table ("" when missing).</summary>
    public abstract string Format(int row);

    public int MissingCount()
    {
        int n = 0;
        for (int i = 0; i < Length; i++) if (IsMissing(i)) n++;
        return n;
    }

    /// <summary>The same values re-labelled with another kind (a user override); storage must be compatible.</summary>
    public abstract CohortColumn WithKind(ColumnKind kind);
}

/// <summary>Numeric, binary and date columns: one double per row, NaN for missing.</summary>
public sealed class NumericColumn : CohortColumn
{
    private readonly double[] _values;

    public NumericColumn(string name, double[] values, ColumnKind kind = ColumnKind.Numeric) : base(name, kind)
    {
        if (kind is ColumnKind.Categorical or ColumnKind.Identifier)
            throw new ArgumentException($"A numeric column cannot be of kind {kind}.", nameof(kind));
        _values = values;
    }

    public ReadOnlySpan<double> Values => _values;
    public double this[int row] => _values[row];
    public override int Length => _values.Length;
    public override bool IsMissing(int row) => double.IsNaN(_values[row]);
    public override string Format(int row) =>
        double.IsNaN(_values[row]) ? "" : _values[row].ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    public override CohortColumn WithKind(ColumnKind kind) => kind switch
    {
        ColumnKind.Categorical or ColumnKind.Identifier => CategoricalColumn.FromNumeric(this, kind),
        _ => new NumericColumn(Name, _values, kind),
    };
}

/// <summary>Categorical and identifier columns: a level code per row (-1 = missing) and the level labels.</summary>
public sealed class CategoricalColumn : CohortColumn
{
    private readonly int[] _codes;
    private readonly string[] _levels;

    public CategoricalColumn(string name, int[] codes, string[] levels, ColumnKind kind = ColumnKind.Categorical)
        : base(name, kind)
    {
        if (kind is not (ColumnKind.Categorical or ColumnKind.Identifier or ColumnKind.Binary))
            throw new ArgumentException($"A categorical column cannot be of kind {kind}.", nameof(kind));
        _codes = codes;
        _levels = levels;
    }

    public ReadOnlySpan<int> Codes => _codes;
    public IReadOnlyList<string> Levels => _levels;
    public int this[int row] => _codes[row];
    public override int Length => _codes.Length;
    public override bool IsMissing(int row) => _codes[row] < 0;
    public override string Format(int row) => _codes[row] < 0 ? "" : _levels[_codes[row]];

    /// <summary>The level label of a row, or null when missing.</summary>
    public string? LevelOf(int row) => _codes[row] < 0 ? null : _levels[_codes[row]];

    public override CohortColumn WithKind(ColumnKind kind)
    {
        if (kind is ColumnKind.Categorical or ColumnKind.Identifier or ColumnKind.Binary)
            return new CategoricalColumn(Name, _codes, _levels, kind);
        // Text to number: every level must parse, otherwise the override is refused with the offending level.
        var map = new double[_levels.Length];
        for (int l = 0; l < _levels.Length; l++)
        {
            if (!double.TryParse(_levels[l], System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out map[l]))
                throw new FormatException($"Column '{Name}' cannot be {kind}: value '{_levels[l]}' is not a number.");
        }
        var values = new double[_codes.Length];
        for (int i = 0; i < values.Length; i++) values[i] = _codes[i] < 0 ? double.NaN : map[_codes[i]];
        return new NumericColumn(Name, values, kind);
    }

    internal static CategoricalColumn FromNumeric(NumericColumn source, ColumnKind kind)
    {
        var index = new Dictionary<double, int>();
        var levels = new List<string>();
        var codes = new int[source.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            double v = source[i];
            if (double.IsNaN(v)) { codes[i] = -1; continue; }
            if (!index.TryGetValue(v, out int c))
            {
                c = levels.Count;
                index[v] = c;
                levels.Add(v.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            }
            codes[i] = c;
        }
        return new CategoricalColumn(source.Name, codes, levels.ToArray(), kind);
    }
}
