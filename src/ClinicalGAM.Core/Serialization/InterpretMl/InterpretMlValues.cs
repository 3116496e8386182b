using System.Text.Json;

namespace ClinicalGAM.Core.Serialization.InterpretMl;

/// <summary>
/// Reads the values of an InterpretML model file. JSON has no NaN or infinity, so InterpretML writes them as the
/// strings "nan", "+inf" and "-inf"; they are understood here, and refused wherever a model needs a real number.
/// Every error names the place in the file (e.g. "terms[3].scores").
/// </summary>
internal static class InterpretMlValues
{
    public static JsonElement Required(JsonElement obj, string name, string where)
    {
        if (obj.ValueKind != JsonValueKind.Object)
            throw Error($"{where} must be a JSON object.");
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            throw Error($"{where} has no '{name}'.");
        return value;
    }

    public static JsonElement? Optional(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string String(JsonElement e, string where) =>
        e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Error($"{where} must be a string.");

    public static JsonElement Array(JsonElement e, string where) =>
        e.ValueKind == JsonValueKind.Array ? e : throw Error($"{where} must be a list.");

    /// <summary>A number, NaN or infinity as InterpretML writes them.</summary>
    public static double AnyNumber(JsonElement e, string where)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Number:
                return e.GetDouble();
            case JsonValueKind.String:
                return e.GetString() switch
                {
                    "nan" => double.NaN,
                    "+inf" or "inf" => double.PositiveInfinity,
                    "-inf" => double.NegativeInfinity,
                    var s => throw Error($"{where} is the text '{s}', not a number."),
                };
            default:
                throw Error($"{where} must be a number.");
        }
    }

    /// <summary>A finite number: a model's scores, intercepts, spreads and weights.</summary>
    public static double Finite(JsonElement e, string where)
    {
        double v = AnyNumber(e, where);
        return double.IsFinite(v) ? v : throw Error($"{where} is {Spell(v)}; a model needs a finite number there.");
    }

    public static double[] FiniteList(JsonElement e, string where)
    {
        Array(e, where);
        var result = new double[e.GetArrayLength()];
        int i = 0;
        foreach (var item in e.EnumerateArray()) { result[i] = Finite(item, $"{where}[{i}]"); i++; }
        return result;
    }

    /// <summary>
    /// A nested list of the given shape flattened row-major (the last axis fastest), with every length checked.
    /// </summary>
    public static double[] Tensor(JsonElement e, int[] shape, string where)
    {
        var result = new double[shape.Aggregate(1, (n, d) => n * d)];
        int next = 0;
        Fill(e, shape, 0, where, result, ref next);
        return result;
    }

    private static void Fill(JsonElement e, int[] shape, int axis, string where, double[] into, ref int next)
    {
        Array(e, where);
        int length = e.GetArrayLength();
        if (length != shape[axis])
            throw Error($"{where} has {length} entries, expected {shape[axis]} (the term's bins: {string.Join(" x ", shape)}).");
        int i = 0;
        foreach (var item in e.EnumerateArray())
        {
            string at = $"{where}[{i++}]";
            if (axis == shape.Length - 1) into[next++] = Finite(item, at);
            else Fill(item, shape, axis + 1, at, into, ref next);
        }
    }

    public static GamModelFormatException Error(string message) =>
        new($"This is not a model ClinicalGAM can read from InterpretML's JSON: {message}");

    private static string Spell(double v) => double.IsNaN(v) ? "NaN" : v > 0 ? "+infinity" : "-infinity";
}
