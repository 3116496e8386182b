using ClinicalGAM.Core.Data.Sources;
using global::Parquet;
using global::Parquet.Schema;

namespace ClinicalGAM.Core.Data.Parquet;

/// <summary>
/// One flat Parquet column, loaded one row group at a time into a buffer reused across row groups (fresh large arrays
/// per group would pile up on the large-object heap between full collections), and handed out as the text the shared
/// inference reads.
/// </summary>
internal abstract class ParquetValues
{
    /// <summary>Reads the column's values in this row group.</summary>
    public abstract void Load(ParquetRowGroupReader group, int rows, CancellationToken ct);

    public abstract ReadOnlySpan<char> Text(int row, CellText text);

    private static readonly Type[] Supported =
    [
        typeof(bool), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long),
        typeof(ulong), typeof(float), typeof(double), typeof(decimal), typeof(DateTime), typeof(DateOnly), typeof(string),
        typeof(ReadOnlyMemory<char>), // how Parquet.Net 6 types a UTF-8 text column
    ];

    public static bool Supports(Type type) => Array.IndexOf(Supported, type) >= 0;

    public static ParquetValues For(DataField field) => field.ClrType switch
    {
        var t when t == typeof(string) || t == typeof(ReadOnlyMemory<char>) => new Texts(field),
        var t when t == typeof(bool) => Structs<bool>(field, (b, _) => CellText.Boolean(b)),
        var t when t == typeof(byte) => Structs<byte>(field, (x, c) => c.Integer(x)),
        var t when t == typeof(sbyte) => Structs<sbyte>(field, (x, c) => c.Integer(x)),
        var t when t == typeof(short) => Structs<short>(field, (x, c) => c.Integer(x)),
        var t when t == typeof(ushort) => Structs<ushort>(field, (x, c) => c.Integer(x)),
        var t when t == typeof(int) => Structs<int>(field, (x, c) => c.Integer(x)),
        var t when t == typeof(uint) => Structs<uint>(field, (x, c) => c.Integer(x)),
        var t when t == typeof(long) => Structs<long>(field, (x, c) => c.Integer(x)),
        var t when t == typeof(ulong) => Structs<ulong>(field, (x, c) => c.Number(x)),
        var t when t == typeof(float) => Structs<float>(field, (x, c) => c.Number(x)),
        var t when t == typeof(double) => Structs<double>(field, (x, c) => c.Number(x)),
        var t when t == typeof(decimal) => Structs<decimal>(field, (x, c) => c.Decimal(x)),
        var t when t == typeof(DateTime) => Structs<DateTime>(field, (x, c) => c.Date(x)),
        var t when t == typeof(DateOnly) => Structs<DateOnly>(field, (x, c) => c.Date(x.ToDateTime(TimeOnly.MinValue))),
        _ => throw new CohortFormatException($"the column holds {field.ClrType.Name} values, which a cohort cannot use.", null, field.Name),
    };

    private static ParquetValues Structs<T>(DataField field, Format<T> format) where T : struct =>
        field.IsNullable ? new Nullables<T>(field, format) : new Plain<T>(field, format);

    private delegate ReadOnlySpan<char> Format<in T>(T value, CellText text);

    private static TArray[] Sized<TArray>(ref TArray[]? buffer, int rows) =>
        buffer is not null && buffer.Length >= rows ? buffer : buffer = new TArray[rows];

    private sealed class Texts(DataField field) : ParquetValues
    {
        private string[]? _values;

        public override void Load(ParquetRowGroupReader group, int rows, CancellationToken ct)
        {
            var values = Sized(ref _values, rows);
            Array.Clear(values, 0, rows);
            group.ReadAsync(field, values.AsMemory(0, rows), null, ct).AsTask().GetAwaiter().GetResult();
        }

        public override ReadOnlySpan<char> Text(int row, CellText text) => _values![row] is { } s ? s.AsSpan().Trim() : default;
    }

    private sealed class Nullables<T>(DataField field, Format<T> format) : ParquetValues where T : struct
    {
        private T?[]? _values;

        public override void Load(ParquetRowGroupReader group, int rows, CancellationToken ct) =>
            group.ReadAsync(field, Sized(ref _values, rows).AsMemory(0, rows), null, ct).AsTask().GetAwaiter().GetResult();

        public override ReadOnlySpan<char> Text(int row, CellText text) => _values![row] is { } x ? format(x, text) : default;
    }

    private sealed class Plain<T>(DataField field, Format<T> format) : ParquetValues where T : struct
    {
        private T[]? _values;

        public override void Load(ParquetRowGroupReader group, int rows, CancellationToken ct) =>
            group.ReadAsync(field, Sized(ref _values, rows).AsMemory(0, rows), null, ct).AsTask().GetAwaiter().GetResult();

        public override ReadOnlySpan<char> Text(int row, CellText text) => format(_values![row], text);
    }
}
