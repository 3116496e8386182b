namespace ClinicalGAM.Core.Data;

/// <summary>A patient cohort held column-wise: every column has the same number of rows.</summary>
public sealed class CohortTable
{
    private readonly Dictionary<string, int> _byName;

    public CohortTable(IReadOnlyList<CohortColumn> columns)
    {
        Columns = columns;
        RowCount = columns.Count == 0 ? 0 : columns[0].Length;
        _byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < columns.Count; i++)
        {
            if (columns[i].Length != RowCount)
                throw new ArgumentException($"Column '{columns[i].Name}' has {columns[i].Length} rows, expected {RowCount}.");
            if (!_byName.TryAdd(columns[i].Name, i))
                throw new ArgumentException($"Duplicate column name '{columns[i].Name}'.");
        }
    }

    public int RowCount { get; }
    public IReadOnlyList<CohortColumn> Columns { get; }

    public bool Contains(string name) => _byName.ContainsKey(name);

    public CohortColumn this[string name] =>
        _byName.TryGetValue(name, out int i) ? Columns[i] : throw new KeyNotFoundException($"The cohort has no column '{name}'.");

    public CohortColumn? Find(string name) => _byName.TryGetValue(name, out int i) ? Columns[i] : null;

    /// <summary>A copy with one column replaced (type override) or appended (derived feature).</summary>
    public CohortTable With(CohortColumn column)
    {
        var list = Columns.ToList();
        if (_byName.TryGetValue(column.Name, out int i)) list[i] = column; else list.Add(column);
        return new CohortTable(list);
    }
}
