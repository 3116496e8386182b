namespace ClinicalGAM.Core.Data.Csv;

/// <summary>Second pass over one column: typed storage sized from the first pass (no string kept per numeric cell).</summary>
internal abstract class ColumnLoader
{
    protected ColumnLoader(string name, ColumnKind kind)
    {
        Name = name;
        Kind = kind;
    }

    public string Name { get; }
    public ColumnKind Kind { get; }

    /// <summary>Stores one trimmed field; throws CohortFormatException naming the line when it does not fit the kind.</summary>
    public abstract void Load(int row, ReadOnlySpan<char> value, long line);

    public abstract CohortColumn Build();

    public static ColumnLoader Create(string name, ColumnPlan plan, int rows) => plan.Storage switch
    {
        StorageKind.Numbers => new NumberLoader(name, plan.Kind, rows),
        StorageKind.Dates => new DateLoader(name, plan.Kind, rows),
        StorageKind.ZeroOne => new ZeroOneLoader(name, plan.Kind, rows),
        StorageKind.NumberLabels => new NumberLabelLoader(name, plan.Kind, rows),
        _ => new LabelLoader(name, plan.Kind, rows, plan.Kind == ColumnKind.Binary ? 2 : int.MaxValue),
    };

    protected CohortFormatException Unreadable(ReadOnlySpan<char> value, long line, string expected) =>
        new($"'{Shorten(value)}' is not {expected}.", line, Name);

    private static string Shorten(ReadOnlySpan<char> value) =>
        value.Length <= 40 ? value.ToString() : string.Concat(value[..37], "...");
}

internal sealed class NumberLoader(string name, ColumnKind kind, int rows) : ColumnLoader(name, kind)
{
    private readonly double[] _values = new double[rows];

    public override void Load(int row, ReadOnlySpan<char> value, long line)
    {
        if (ValueParser.TryNumber(value, out double x)) _values[row] = x;
        else if (MissingValues.IsMissing(value)) _values[row] = double.NaN;
        else throw Unreadable(value, line, "a number");
    }

    public override CohortColumn Build() => new NumericColumn(Name, _values, Kind);
}

internal sealed class DateLoader(string name, ColumnKind kind, int rows) : ColumnLoader(name, kind)
{
    private readonly double[] _values = new double[rows];

    public override void Load(int row, ReadOnlySpan<char> value, long line)
    {
        if (ValueParser.TryNumber(value, out double x) || ValueParser.TryIsoDate(value, out x)) _values[row] = x;
        else if (MissingValues.IsMissing(value)) _values[row] = double.NaN;
        else throw Unreadable(value, line, "a year or an ISO date (yyyy-MM-dd)");
    }

    public override CohortColumn Build() => new NumericColumn(Name, _values, Kind);
}

internal sealed class ZeroOneLoader(string name, ColumnKind kind, int rows) : ColumnLoader(name, kind)
{
    private readonly double[] _values = new double[rows];

    public override void Load(int row, ReadOnlySpan<char> value, long line)
    {
        if (MissingValues.IsMissing(value)) { _values[row] = double.NaN; return; }
        if (ValueParser.TryNumber(value, out double x) && x is 0 or 1) { _values[row] = x; return; }
        _values[row] = ValueParser.BooleanWord(value.ToString()) ?? throw Unreadable(value, line, "0/1, yes/no or true/false");
    }

    public override CohortColumn Build() => new NumericColumn(Name, _values, Kind);
}

/// <summary>A binary column coded by two numbers other than 0/1: labels are the numbers' shortest text.</summary>
internal sealed class NumberLabelLoader(string name, ColumnKind kind, int rows) : ColumnLoader(name, kind)
{
    private readonly LabelLoader _labels = new(name, kind, rows, 2);

    public override void Load(int row, ReadOnlySpan<char> value, long line)
    {
        if (ValueParser.TryNumber(value, out double x))
            _labels.Load(row, x.ToString("R", System.Globalization.CultureInfo.InvariantCulture), line);
        else if (MissingValues.IsMissing(value)) _labels.Load(row, "", line);
        else throw Unreadable(value, line, "a number");
    }

    public override CohortColumn Build() => _labels.Build();
}

/// <summary>Categorical, identifier and two-label binary columns: codes per row and each distinct label stored once.</summary>
internal sealed class LabelLoader(string name, ColumnKind kind, int rows, int maxLevels) : ColumnLoader(name, kind)
{
    private readonly int[] _codes = new int[rows];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _levels = [];

    public override void Load(int row, ReadOnlySpan<char> value, long line)
    {
        if (MissingValues.IsMissing(value)) { _codes[row] = -1; return; }
        var lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(value, out int code))
        {
            if (_levels.Count >= maxLevels)
                throw new CohortFormatException(
                    $"a binary column has a third value '{value}' (already seen '{_levels[0]}' and '{_levels[1]}').", line, Name);
            code = _levels.Count;
            string label = value.ToString();
            _levels.Add(label);
            _index.Add(label, code);
        }
        _codes[row] = code;
    }

    public override CohortColumn Build()
    {
        // Identifiers keep file order (sorting a million IDs buys nothing); categories are listed alphabetically.
        if (Kind == ColumnKind.Identifier) return new CategoricalColumn(Name, _codes, _levels.ToArray(), Kind);
        var sorted = _levels.Order(StringComparer.Ordinal).ToArray();
        var remap = new int[_levels.Count];
        for (int i = 0; i < sorted.Length; i++) remap[_index[sorted[i]]] = i;
        for (int r = 0; r < _codes.Length; r++) if (_codes[r] >= 0) _codes[r] = remap[_codes[r]];
        return new CategoricalColumn(Name, _codes, sorted, Kind);
    }
}
