using ClinicalGAM.Core.Data.Sources;
using global::Parquet;
using global::Parquet.Schema;

namespace ClinicalGAM.Core.Data.Parquet;

/// <summary>One row group's values of one flat Parquet column, handed out as the text the shared inference reads.</summary>
internal abstract class ParquetValues
{
    public abstract ReadOnlySpan<char> Text(int row, CellText text);

    private static readonly Type[] Supported =
    [
        typeof(bool), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long),
        typeof(ulong), typeof(float), typeof(double), typeof(decimal), typeof(DateTime), typeof(DateOnly), typeof(string),
        typeof(ReadOnlyMemory<char>), // how Parquet.Net 6 types a UTF-8 text column
    ];

    public static bool Supports(Type type) => Array.IndexOf(Supported, type) >= 0;

    public static ParquetValues Read(ParquetRowGroupReader group, DataField field, int rows, CancellationToken ct)
    {
        if (field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>))
        {
            var strings = new string[rows];
            group.ReadAsync(field, strings.AsMemory(), null, ct).AsTask().GetAwaiter().GetResult();
            return new Of<string>(strings, (s, _) => s is null ? default : s.AsSpan().Trim());
        }
        return field.ClrType switch
        {
            var t when t == typeof(bool) => Structs<bool>(group, field, rows, ct, (b, _) => CellText.Boolean(b)),
            var t when t == typeof(byte) => Structs<byte>(group, field, rows, ct, (x, c) => c.Integer(x)),
            var t when t == typeof(sbyte) => Structs<sbyte>(group, field, rows, ct, (x, c) => c.Integer(x)),
            var t when t == typeof(short) => Structs<short>(group, field, rows, ct, (x, c) => c.Integer(x)),
            var t when t == typeof(ushort) => Structs<ushort>(group, field, rows, ct, (x, c) => c.Integer(x)),
            var t when t == typeof(int) => Structs<int>(group, field, rows, ct, (x, c) => c.Integer(x)),
            var t when t == typeof(uint) => Structs<uint>(group, field, rows, ct, (x, c) => c.Integer(x)),
            var t when t == typeof(long) => Structs<long>(group, field, rows, ct, (x, c) => c.Integer(x)),
            var t when t == typeof(ulong) => Structs<ulong>(group, field, rows, ct, (x, c) => c.Number(x)),
            var t when t == typeof(float) => Structs<float>(group, field, rows, ct, (x, c) => c.Number(x)),
            var t when t == typeof(double) => Structs<double>(group, field, rows, ct, (x, c) => c.Number(x)),
            var t when t == typeof(decimal) => Structs<decimal>(group, field, rows, ct, (x, c) => c.Decimal(x)),
            var t when t == typeof(DateTime) => Structs<DateTime>(group, field, rows, ct, (x, c) => c.Date(x)),
            var t when t == typeof(DateOnly) => Structs<DateOnly>(group, field, rows, ct, (x, c) => c.Date(x.ToDateTime(TimeOnly.MinValue))),
            _ => throw new CohortFormatException($"the column holds {field.ClrType.Name} values, which a cohort cannot use.", null, field.Name),
        };
    }

    private static ParquetValues Structs<T>(ParquetRowGroupReader group, DataField field, int rows, CancellationToken ct,
        Format<T> format) where T : struct
    {
        if (field.IsNullable)
        {
            var values = new T?[rows];
            group.ReadAsync(field, values.AsMemory(), null, ct).AsTask().GetAwaiter().GetResult();
            return new Of<T?>(values, (v, c) => v is { } x ? format(x, c) : default);
        }
        var plain = new T[rows];
        group.ReadAsync(field, plain.AsMemory(), null, ct).AsTask().GetAwaiter().GetResult();
        return new Of<T>(plain, format);
    }

    private delegate ReadOnlySpan<char> Format<in T>(T value, CellText text);

    private sealed class Of<T>(T[] values, Format<T> format) : ParquetValues
    {
        public override ReadOnlySpan<char> Text(int row, CellText text) => format(values[row], text);
    }
}
