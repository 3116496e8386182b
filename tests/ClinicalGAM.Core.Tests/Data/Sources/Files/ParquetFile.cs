using Parquet;
using Parquet.Schema;

namespace ClinicalGAM.TestFiles;

/// <summary>A column to write: its field and one value per row (double?[], int[], bool[], string[], DateTime[] ...).</summary>
internal sealed record ParquetColumn(DataField Field, Array Values);

/// <summary>Real Parquet files written with Parquet.Net, in row groups of a given size.</summary>
internal static class ParquetFile
{
    public static byte[] Write(int rowGroupSize, params ParquetColumn[] columns) =>
        Write(new ParquetSchema(columns.Select(c => (Field)c.Field)), rowGroupSize, columns);

    /// <summary>With a schema of its own, e.g. a struct whose inner field is one of the columns.</summary>
    public static byte[] Write(ParquetSchema schema, int rowGroupSize, params ParquetColumn[] columns) =>
        WriteAsync(schema, rowGroupSize, columns).GetAwaiter().GetResult();

    private static async Task<byte[]> WriteAsync(ParquetSchema schema, int rowGroupSize, ParquetColumn[] columns)
    {
        var memory = new MemoryStream();
        int rows = columns[0].Values.Length;
        await using (var writer = await ParquetWriter.CreateAsync(schema, memory))
        {
            for (int start = 0; start < rows; start += rowGroupSize)
            {
                int count = Math.Min(rowGroupSize, rows - start);
                using var group = writer.CreateRowGroup();
                foreach (var column in columns) await WriteColumn(group, column, start, count);
            }
        }
        return memory.ToArray();
    }

    private static Task WriteColumn(ParquetRowGroupWriter group, ParquetColumn column, int start, int count) => column.Values switch
    {
        string[] s => group.WriteAsync(column.Field, s.Skip(start).Take(count).ToArray(), null),
        double[] d => group.WriteAsync<double>(column.Field, d.AsMemory(start, count), null),
        double?[] d => group.WriteAsync<double>(column.Field, d.AsMemory(start, count), null),
        int[] i => group.WriteAsync<int>(column.Field, i.AsMemory(start, count), null),
        int?[] i => group.WriteAsync<int>(column.Field, i.AsMemory(start, count), null),
        long[] l => group.WriteAsync<long>(column.Field, l.AsMemory(start, count), null),
        bool[] b => group.WriteAsync<bool>(column.Field, b.AsMemory(start, count), null),
        DateTime[] t => group.WriteAsync<DateTime>(column.Field, t.AsMemory(start, count), null),
        decimal[] m => group.WriteAsync<decimal>(column.Field, m.AsMemory(start, count), null),
        _ => throw new ArgumentException($"Cannot write {column.Values.GetType().Name}."),
    };
}
