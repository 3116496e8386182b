using System.Text.Json;
using System.Text.Json.Serialization;
using ClinicalGAM.Core.Diagnostics.Goodhart;

namespace ClinicalGAM.Storage;

/// <summary>
/// Between Core's GoodhartFlag and the stored record. The whole flag (per-period curves included) is kept as the
/// record's details JSON, so history shows exactly what the analyzer said at the time.
/// </summary>
public static class GoodhartFlagMapping
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, // NaN ranges and q-values
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Kind as the CLI and the JSON contract name it: "threshold", "direction", "temporal", "treatment".</summary>
    public static string KindName(GoodhartKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    public static FlagEntry ToEntry(this GoodhartFlag flag) => new(
        flag.Feature, KindName(flag.Kind), flag.At, flag.Effect, flag.EffectLow, flag.EffectHigh, flag.Z, flag.P,
        flag.Message, JsonSerializer.Serialize(flag, Json));

    /// <summary>The analyzer's flag as stored, or null when the record's details were not written from one.</summary>
    public static GoodhartFlag? ToGoodhartFlag(this GoodhartFlagRecord record)
    {
        if (record.DetailsJson is null) return null;
        try { return JsonSerializer.Deserialize<GoodhartFlag>(record.DetailsJson, Json); }
        catch (JsonException) { return null; }
    }
}
