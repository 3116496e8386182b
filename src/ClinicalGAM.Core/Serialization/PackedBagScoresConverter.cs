using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClinicalGAM.Core.Serialization;

/// <summary>
/// Per-bag scores are most of a model file (a pair term holds bags x 65 x 65 cells), so from format version 2 each
/// bag's row is written as base64 of little-endian IEEE-754 doubles: exact bits, about half the text of decimal
/// numbers. Version 1 files, which hold plain number arrays, are still read.
/// </summary>
internal sealed class PackedBagScoresConverter : JsonConverter<double[][]?>
{
    public override double[][]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("bagScores must be an array of bags.");
        var rows = new List<double[]>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            rows.Add(reader.TokenType switch
            {
                JsonTokenType.String => Unpack(reader.GetBytesFromBase64()),
                JsonTokenType.StartArray => JsonSerializer.Deserialize<double[]>(ref reader, options)
                    ?? throw new JsonException("A bag's scores are null."),
                _ => throw new JsonException("Each bag's scores must be a base64 string or an array of numbers."),
            });
        }
        return rows.ToArray();
    }

    public override void Write(Utf8JsonWriter writer, double[][]? value, JsonSerializerOptions options)
    {
        if (value is null) { writer.WriteNullValue(); return; }
        writer.WriteStartArray();
        foreach (var row in value)
        {
            var bytes = new byte[row.Length * sizeof(double)];
            for (int i = 0; i < row.Length; i++)
                BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), row[i]);
            writer.WriteBase64StringValue(bytes);
        }
        writer.WriteEndArray();
    }

    private static double[] Unpack(byte[] bytes)
    {
        if (bytes.Length % sizeof(double) != 0)
            throw new JsonException($"A packed bag row has {bytes.Length} bytes, not a whole number of doubles.");
        var row = new double[bytes.Length / sizeof(double)];
        for (int i = 0; i < row.Length; i++)
            row[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)));
        return row;
    }
}
