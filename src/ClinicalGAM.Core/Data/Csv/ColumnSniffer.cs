namespace ClinicalGAM.Core.Data.Csv;

/// <summary>
/// First pass over one column: what its values look like, in bounded memory (distinct values are tracked only up to
/// a cap, so a million-row numeric column costs a few kilobytes here).
/// </summary>
internal sealed class ColumnSniffer
{
    /// <summary>More distinct labels than this and a text column is an identifier, not a usable category.</summary>
    public const int LevelCap = 1000;

    private enum Mode { Empty, Number, Date, Text }

    private Mode _mode = Mode.Empty;
    private HashSet<string>? _texts = new(StringComparer.Ordinal);
    private readonly HashSet<double> _numbers = [];
    private HashSet<double>? _uniqueIds;
    private bool _allIntegers = true;
    private double _min = double.PositiveInfinity, _max = double.NegativeInfinity;

    /// <param name="rowCapacity">An upper bound on the data rows, to size the parsed-number buffer once.</param>
    public ColumnSniffer(string name, int rowCapacity)
    {
        Name = name;
        _rowCapacity = rowCapacity;
        if (ColumnNames.LooksLikeIdentifier(name)) _uniqueIds = [];
    }

    public string Name { get; }
    public long NonMissing { get; private set; }
    /// <summary>Distinct trimmed texts, or null once there were more than LevelCap.</summary>
    public IReadOnlyCollection<string>? DistinctTexts => _texts;

    /// <summary>While every value is a number, the parsed values themselves (NaN = missing), so numbers are parsed once.</summary>
    public bool HasNumbers => _mode is Mode.Number or Mode.Empty;

    /// <summary>The parsed values of an all-numeric column, exactly one per data row.</summary>
    public double[] TakeNumbers(int rows)
    {
        if (!HasNumbers) throw new InvalidOperationException("The column is not numeric.");
        var values = _numbersSoFar ?? AllMissing(rows);
        _numbersSoFar = null;
        return values.Length == rows ? values : values.AsSpan(0, rows).ToArray();
    }

    // Allocated at the first number (text columns never pay for it); NaN before that row.
    private double[]? _numbersSoFar;
    private readonly int _rowCapacity;
    private int _rowsSeen;

    /// <summary>The buffer cell of a row; grows only if the line count was not an upper bound (files ending lines with a lone CR).</summary>
    private ref double Slot(int row)
    {
        if (row >= _numbersSoFar!.Length) Array.Resize(ref _numbersSoFar, Math.Max(16, row + row / 2));
        return ref _numbersSoFar[row];
    }

    private static double[] AllMissing(int rows)
    {
        var values = new double[rows];
        Array.Fill(values, double.NaN);
        return values;
    }

    public void Observe(ReadOnlySpan<char> value)
    {
        int row = _rowsSeen++;
        if (MissingValues.IsMissing(value))
        {
            if (_numbersSoFar is not null) Slot(row) = double.NaN;
            return;
        }
        NonMissing++;
        TrackText(value);
        switch (_mode)
        {
            case Mode.Empty or Mode.Number:
                if (ValueParser.TryNumber(value, out double x))
                {
                    _mode = Mode.Number;
                    TrackNumber(x);
                    if (_numbersSoFar is null)
                    {
                        _numbersSoFar = new double[Math.Max(_rowCapacity, row + 1)];
                        _numbersSoFar.AsSpan(0, row).Fill(double.NaN);
                    }
                    Slot(row) = x;
                }
                else
                {
                    _mode = _mode == Mode.Empty && ValueParser.TryIsoDate(value, out _) ? Mode.Date : Mode.Text;
                    _numbersSoFar = null;
                }
                break;
            case Mode.Date:
                if (!ValueParser.TryIsoDate(value, out _)) _mode = Mode.Text;
                break;
        }
    }

    private void TrackText(ReadOnlySpan<char> value)
    {
        if (_texts is null) return;
        var lookup = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.Contains(value)) return;
        if (_texts.Count >= LevelCap) _texts = null;
        else lookup.Add(value);
    }

    private void TrackNumber(double x)
    {
        if (_numbers.Count <= 2) _numbers.Add(x);
        if (x != Math.Floor(x)) _allIntegers = false;
        if (x < _min) _min = x;
        if (x > _max) _max = x;
        if (_uniqueIds is not null && !_uniqueIds.Add(x)) _uniqueIds = null;
    }

    /// <summary>The inferred kind and how the second pass should store the values.</summary>
    public ColumnPlan Plan()
    {
        switch (_mode)
        {
            case Mode.Empty:
                return new(ColumnKind.Numeric, StorageKind.Numbers);
            case Mode.Date:
                return new(ColumnKind.Date, StorageKind.Dates);
            case Mode.Number:
                if (_numbers.Count == 2)
                    return _numbers.Contains(0) && _numbers.Contains(1)
                        ? new(ColumnKind.Binary, StorageKind.ZeroOne)
                        : new(ColumnKind.Binary, StorageKind.NumberLabels);
                if (_uniqueIds is not null && _allIntegers && NonMissing > 1)
                    return new(ColumnKind.Identifier, StorageKind.Labels);
                if (_allIntegers && _min >= 1800 && _max <= 2200 && ColumnNames.LooksLikeDate(Name))
                    return new(ColumnKind.Date, StorageKind.Dates);
                return new(ColumnKind.Numeric, StorageKind.Numbers);
            default:
                if (_texts is null) return new(ColumnKind.Identifier, StorageKind.Labels);
                if (_texts.Count == 2)
                {
                    var pair = _texts.Select(ValueParser.BooleanWord).ToArray();
                    bool words = pair[0] is not null && pair[1] is not null && pair[0] != pair[1];
                    return new(ColumnKind.Binary, words ? StorageKind.ZeroOne : StorageKind.Labels);
                }
                if (_texts.Count > 50 && _texts.Count > NonMissing / 2) return new(ColumnKind.Identifier, StorageKind.Labels);
                return new(ColumnKind.Categorical, StorageKind.Labels);
        }
    }

    /// <summary>The storage a user's override needs, given what the values look like.</summary>
    public ColumnPlan Plan(ColumnKind overridden) => overridden switch
    {
        ColumnKind.Numeric => new(overridden, StorageKind.Numbers),
        ColumnKind.Date => new(overridden, StorageKind.Dates),
        ColumnKind.Binary => Plan() is { Kind: ColumnKind.Binary } natural ? natural : new(overridden, StorageKind.Labels),
        _ => new(overridden, StorageKind.Labels),
    };
}

internal enum StorageKind
{
    /// <summary>double per row, every value must be a number.</summary>
    Numbers,
    /// <summary>double year per row: a calendar year or an ISO date as a fractional year.</summary>
    Dates,
    /// <summary>double 0/1 per row from 0/1, yes/no, true/false.</summary>
    ZeroOne,
    /// <summary>level code per row; for a binary column at most two levels.</summary>
    Labels,
    /// <summary>two numbers that are not 0/1 (e.g. 1/2 codes): level per distinct value, so "1" and "1.0" agree.</summary>
    NumberLabels,
}

internal readonly record struct ColumnPlan(ColumnKind Kind, StorageKind Storage);
