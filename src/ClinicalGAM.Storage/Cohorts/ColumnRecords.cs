using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Storage;

/// <summary>Converts between a Core column and its record plus chunk blobs.</summary>
internal static class ColumnRecords
{
    public static CohortColumnRecord Encode(CohortColumn column, int ordinal, CancellationToken ct)
    {
        var record = new CohortColumnRecord
        {
            Ordinal = ordinal,
            Name = column.Name,
            Kind = column.Kind,
            MissingCount = column.MissingCount(),
        };
        switch (column)
        {
            case NumericColumn numeric:
                record.Storage = ColumnStorage.Doubles;
                AddChunks(record, numeric.Length, (first, count) => ColumnCodec.EncodeDoubles(numeric.Values.Slice(first, count)), ct);
                break;
            case CategoricalColumn categorical:
                record.Storage = ColumnStorage.LevelCodes;
                record.LevelCount = categorical.Levels.Count;
                record.LevelsData = ColumnCodec.EncodeLevels(categorical.Levels);
                AddChunks(record, categorical.Length, (first, count) => ColumnCodec.EncodeCodes(categorical.Codes.Slice(first, count)), ct);
                break;
            default:
                throw new NotSupportedException(
                    $"Column '{column.Name}' is a {column.GetType().Name}; only numeric and categorical columns can be saved.");
        }
        return record;
    }

    private static void AddChunks(CohortColumnRecord record, int rows, Func<int, int, byte[]> encode, CancellationToken ct)
    {
        for (int index = 0, first = 0; first < rows; index++, first += ColumnCodec.ChunkRows)
        {
            ct.ThrowIfCancellationRequested();
            int count = Math.Min(ColumnCodec.ChunkRows, rows - first);
            record.Chunks.Add(new CohortColumnChunkRecord { Index = index, FirstRow = first, RowCount = count, Data = encode(first, count) });
        }
    }

    /// <summary>Rebuilds a column from its chunks, checking that they cover every row exactly once.</summary>
    public static CohortColumn Decode(
        string name, ColumnKind kind, ColumnStorage storage, byte[]? levelsData, int rowCount,
        IReadOnlyList<(int FirstRow, int RowCount, byte[] Data)> chunks)
    {
        int expectedFirst = 0;
        foreach (var chunk in chunks)
        {
            if (chunk.FirstRow != expectedFirst || chunk.RowCount <= 0 || chunk.FirstRow + chunk.RowCount > rowCount)
                throw new InvalidDataException($"Column '{name}': stored chunks do not cover rows 0..{rowCount - 1} in order.");
            expectedFirst += chunk.RowCount;
        }
        if (expectedFirst != rowCount)
            throw new InvalidDataException($"Column '{name}': stored chunks hold {expectedFirst} rows, the cohort has {rowCount}.");

        if (storage == ColumnStorage.Doubles)
        {
            var values = new double[rowCount];
            foreach (var c in chunks) ColumnCodec.DecodeDoubles(c.Data, values.AsSpan(c.FirstRow, c.RowCount));
            return new NumericColumn(name, values, kind);
        }
        var codes = new int[rowCount];
        foreach (var c in chunks) ColumnCodec.DecodeCodes(c.Data, codes.AsSpan(c.FirstRow, c.RowCount));
        var levels = levelsData is null ? [] : ColumnCodec.DecodeLevels(levelsData);
        return new CategoricalColumn(name, codes, levels, kind);
    }
}
