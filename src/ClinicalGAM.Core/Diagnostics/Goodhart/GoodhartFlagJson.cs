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

    /// <summary>A report: {"flags": [...], "notTestable": [...]} (the CLI's JSON).</summary>
    public static string Serialize(GoodhartReport report) => JsonSerializer.Serialize(
        new ReportDto(report.Flags.Select(From).ToList(),
            report.NotTestable.Select(n => new NotTestableDto(n.Feature, n.Kind, N(n.Low), N(n.High), n.Count, n.Reason, n.Message)).ToList(),
            report.Calibrations.Select(c => new CalibrationDto(c.Kind, c.Placebos, N(c.Inflation), N(c.MedianZSquared))).ToList()),
        Options);

    /// <summary>One flag as a JSON object.</summary>
    public static string Serialize(GoodhartFlag flag) => JsonSerializer.Serialize(From(flag), Options);

    /// <summary>"threshold", "direction", "temporal", "treatment", "heaping".</summary>
    public static string KindName(GoodhartKind kind) => kind.ToString().ToLowerInvariant();

    // Every number goes through N: a non-finite value is left out, never written as "NaN" or "Infinity".
    private static FlagDto From(GoodhartFlag f) => new(f.Feature, KindName(f.Kind), N(f.At), N(f.Edge), N(f.RangeLow),
        N(f.RangeHigh), N(f.Effect), N(f.EffectLow), N(f.EffectHigh), N(f.RobustEffect), N(f.RobustLow), N(f.RobustHigh), N(f.Bandwidth), N(f.BandwidthAbove), N(f.BiasBandwidth), N(f.BiasBandwidthAbove), f.BandwidthSource, N(f.RiskDifference), N(f.RiskDifferenceLow),
        N(f.RiskDifferenceHigh), N(f.Z), N(f.P), N(f.Q), N(f.SamplesLeft), N(f.SamplesRight),
        f.OpposesTrend, f.Cutoff, f.LibraryContributed, f.Evidence, f.Sources.Count == 0 ? null : f.Sources, N(f.Score), f.Message, f.Advice,
        f.Action is null ? null : new ActionDto(f.Action.Kind, f.Action.Term, N(f.Action.Low), N(f.Action.High)),
        f.Density is not { } d ? null : new DensityDto(N(d.At), N(d.Precision), N(d.HeapRatio), N(d.HeapZ), N(d.LogJump), N(d.Low),
            N(d.High), N(d.Z), N(d.P), d.Problem, d.Signals, d.Message, N(d.HeapP), N(d.PeerGrain), N(d.Bandwidth), N(d.RobustLow), N(d.RobustHigh),
            d.BinCentres.Length == 0 ? null : d.BinCentres.Select(N).ToArray(), d.BinLevels.Length == 0 ? null : d.BinLevels.Select(N).ToArray()),
        f.Periods?.Select(p => new PeriodDto(p.Label, N(p.From), N(p.To), p.Rows, p.X.Select(N).ToArray(),
            p.Score.Select(N).ToArray(), p.StandardError.Select(N).ToArray(), N(p.Importance))).ToList());

    private static double? N(double v) => double.IsFinite(v) ? v : null;

    private sealed record ReportDto(IReadOnlyList<FlagDto> Flags, IReadOnlyList<NotTestableDto> NotTestable,
        IReadOnlyList<CalibrationDto> Calibrations);

    private sealed record CalibrationDto(string Kind, int Placebos, double? Inflation, double? MedianZSquared);

    private sealed record NotTestableDto(string Feature, string Kind, double? Low, double? High, int Count, string Reason, string Message);

    private sealed record FlagDto(string Feature, string Kind, double? At, double? Edge, double? RangeLow, double? RangeHigh,
        double? Effect, double? EffectLow, double? EffectHigh, double? RobustEffect, double? RobustLow, double? RobustHigh, double? Bandwidth, double? BandwidthAbove, double? BiasBandwidth, double? BiasBandwidthAbove, string? BandwidthSource, double? RiskDifference, double? RiskDifferenceLow,
        double? RiskDifferenceHigh, double? Z, double? P, double? Q, double? SamplesLeft, double? SamplesRight,
        bool OpposesTrend, string? Cutoff, bool LibraryContributed, string? Evidence, IReadOnlyList<string>? Sources, double? Score, string Message,
        string? Advice, ActionDto? Action, DensityDto? Density, IReadOnlyList<PeriodDto>? Periods);

    private sealed record DensityDto(double? At, double? Precision, double? HeapRatio, double? HeapZ, double? LogJump,
        double? Low, double? High, double? Z, double? P, string? Problem, bool Signals, string Message, double? HeapP,
        double? PeerGrain, double? Bandwidth, double? RobustLow, double? RobustHigh, double?[]? BinCentres, double?[]? BinLevels);

    private sealed record ActionDto(string Kind, string Term, double? Low, double? High);

    private sealed record PeriodDto(string Label, double? From, double? To, int Rows, double?[] X, double?[] Score,
        double?[] StandardError, double? Importance);
}
