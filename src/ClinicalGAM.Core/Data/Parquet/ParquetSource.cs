using ClinicalGAM.Core.Data.Sources;
using global::Parquet;
using global::Parquet.Schema;

namespace ClinicalGAM.Core.Data.Parquet;

/// <summary>
/// A Parquet file (Parquet.Net) as a cohort source, read one row group at a time: a pass holds one row group's column
/// at once, so memory stays within that of a CSV of the same size. Flat columns of numbers, booleans, dates, decimals
/// and text are mapped to the shared inference (<see cref="ParquetValues"/>); nested columns (lists, structs, maps)
/// are refused, since a cohort needs one value per patient per column.
/// </summary>
internal sealed class ParquetSource : ICohortSource
{
    private readonly Stream _stream;
    private readonly DataField[] _fields;

    private ParquetSource(Stream stream, DataField[] fields, string[] names, int rows)
    {
        _stream = stream;
        _fields = fields;
        Names = names;
        RowUpperBound = rows;
    }

    public IReadOnlyList<string> Names { get; }
    public int RowUpperBound { get; }
    public string LineWord => "Row";
    public long FirstDataLine => 1;

    public static ParquetSource Open(Stream stream)
    {
        var reader = OpenReader(stream);
        try
        {
            return Describe(stream, reader);
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static ParquetSource Describe(Stream stream, ParquetReader reader)
    {
        var fields = new List<DataField>();
        foreach (var field in reader.Schema.Fields)
        {
            if (field is not DataField data || data.IsArray)
                throw new CohortFormatException(
                    $"the column is nested (a {Describe(field)}), and a cohort needs one value per patient in each column. " +
                    "Flatten it before export (e.g. one column per item), or leave it out.", null, field.Name);
            if (!ParquetValues.Supports(data.ClrType))
                throw new CohortFormatException(
                    $"the column holds {data.ClrType.Name} values, which a cohort cannot use; export it as numbers or text.", null, field.Name);
            fields.Add(data);
        }
        if (fields.Count == 0) throw new CohortFormatException("the Parquet file has no columns.");
        var names = HeaderNames.Check(fields.Select(f => f.Name).ToList(), 1, "Row");
        long rows = reader.RowGroups.Sum(g => g.RowCount);
        if (rows > Array.MaxLength)
            throw new CohortFormatException($"the file has more than {Array.MaxLength:N0} rows, more than one cohort can hold.");
        return new ParquetSource(stream, fields.ToArray(), names, (int)rows);
    }

    public int Pass(FieldHandler handler, bool[]? wanted, IProgress<double>? progress, double from, double to, CancellationToken ct)
    {
        var reader = OpenReader(_stream);
        try
        {
            return Pass(reader, handler, wanted, progress, from, to, ct);
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private int Pass(ParquetReader reader, FieldHandler handler, bool[]? wanted, IProgress<double>? progress, double from,
        double to, CancellationToken ct)
    {
        var text = new CellText();
        var columns = _fields.Select(ParquetValues.For).ToArray();
        int start = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            ct.ThrowIfCancellationRequested();
            using var group = reader.OpenRowGroupReader(g);
            int count = checked((int)group.RowCount);
            for (int c = 0; c < _fields.Length; c++)
            {
                if (wanted is not null && !wanted[c]) continue; // columnar: a column not needed is not even decoded
                var values = columns[c];
                values.Load(group, count, ct);
                for (int i = 0; i < count; i++) handler(start + i, c, values.Text(i, text), start + i + 1);
            }
            start += count;
            progress?.Report(from + (to - from) * (g + 1) / Math.Max(1, reader.RowGroupCount));
        }
        return start;
    }

    private static ParquetReader OpenReader(Stream stream)
    {
        stream.Position = 0;
        var magic = new byte[4];
        if (stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4 || !magic.AsSpan().SequenceEqual("PAR1"u8))
            throw new CohortFormatException("the file is named as a Parquet file but is not one (it does not start with 'PAR1'): give it its real extension.");
        stream.Position = 0;
        try
        {
            return ParquetReader.CreateAsync(stream, leaveStreamOpen: true).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ParquetException or NotSupportedException or ArgumentException)
        {
            throw new CohortFormatException($"the Parquet file cannot be read ({e.Message.TrimEnd('.')}); it may be truncated or damaged.");
        }
    }

    private static string Describe(Field field) => field.SchemaType switch
    {
        SchemaType.List => "list",
        SchemaType.Map => "map",
        SchemaType.Struct => "struct",
        _ => "repeated value",
    };
}
