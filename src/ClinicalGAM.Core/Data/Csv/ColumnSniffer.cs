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

    public ColumnSniffer(string name)
    {
        Name = name;
        if (ColumnNames.LooksLikeIdentifier(name)) _uniqueIds = [];
    }

    public string Name { get; }
    public long NonMissing { get; private set; }
    /// <summary>Distinct trimmed texts, or null once there were more than LevelCap.</summary>
    public IReadOnlyCollection<string>? DistinctTexts => _texts;

    public void Observe(ReadOnlySpan<char> value)
    {
        if (MissingValues.IsMissing(value)) return;
        NonMissing++;
        TrackText(value);
        switch (_mode)
        {
            case Mode.Empty or Mode.Number:
                if (ValueParser.TryNumber(value, out double x)) { _mode = Mode.Number; TrackNumber(x); }
                else if (_mode == Mode.Empty && ValueParser.TryIsoDate(value, out _)) _mode = Mode.Date;
                else _mode = Mode.Text;
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
