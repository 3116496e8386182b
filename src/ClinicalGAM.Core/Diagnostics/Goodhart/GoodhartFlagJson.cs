using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>
/// The JSON form of flags, shared by the CLI (`flags --format json`) and storage (a flag's details): camelCase,
/// kind in lower case ("threshold", "direction", "temporal"), numbers that do not apply (NaN) left out.
/// </summary>
public static class GoodhartFlagJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>A JSON array of flags.</summary>
    public static string Serialize(IEnumerable<GoodhartFlag> flags) => JsonSerializer.Serialize(flags.Select(From).ToList(), Options);

    /// <summary>One flag as a JSON object.</summary>
    public static string Serialize(GoodhartFlag flag) => JsonSerializer.Serialize(From(flag), Options);

    /// <summary>"threshold", "direction", "temporal", "treatment".</summary>
    public static string KindName(GoodhartKind kind) => kind.ToString().ToLowerInvariant();

    private static FlagDto From(GoodhartFlag f) => new(f.Feature, KindName(f.Kind), f.At, N(f.Edge), N(f.RangeLow),
        N(f.RangeHigh), f.Effect, f.EffectLow, f.EffectHigh, f.Z, f.P, N(f.Q), f.SamplesLeft, f.SamplesRight,
        f.OpposesTrend, f.Cutoff, f.Score, f.Message,
        f.Periods?.Select(p => new PeriodDto(p.Label, N(p.From), N(p.To), p.Rows, p.X, p.Score, p.StandardError, p.Importance)).ToList());

    private static double? N(double v) => double.IsFinite(v) ? v : null;

    private sealed record FlagDto(string Feature, string Kind, double At, double? Edge, double? RangeLow, double? RangeHigh,
        double Effect, double EffectLow, double EffectHigh, double Z, double P, double? Q, double SamplesLeft,
        double SamplesRight, bool OpposesTrend, string? Cutoff, double Score, string Message, IReadOnlyList<PeriodDto>? Periods);

    private sealed record PeriodDto(string Label, double? From, double? To, int Rows, double[] X, double[] Score,
        double[] StandardError, double Importance);
}
