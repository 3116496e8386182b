using ClinicalGAM.Core.Diagnostics.Goodhart;

namespace ClinicalGAM.Web.Services;

/// <summary>
/// A Goodhart flag as the pages show it (from a fresh analysis or from the stored history). Detail is the analyzer's
/// whole flag when known, e.g. the per-period curves of a temporal drift flag.
/// </summary>
public sealed record FlagView(string Feature, string Kind, double At, double Effect, double EffectLow, double EffectHigh,
    double Z, double P, string Message, GoodhartFlag? Detail = null)
{
    public bool IsThreshold => Kind == "threshold";

    public bool HasPeriods => Detail?.Periods is { Count: > 0 };

    public static FlagView From(GoodhartFlag f) =>
        new(f.Feature, f.Kind.ToString().ToLowerInvariant(), f.At, f.Effect, f.EffectLow, f.EffectHigh, f.Z, f.P, f.Message, f);
}

/// <summary>The latest Goodhart check of a model: when it ran, what it found (possibly nothing), and where a local fit
/// could not be trusted ("not testable", never a flag).</summary>
public sealed record FlagCheck(DateTimeOffset RunUtc, IReadOnlyList<FlagView> Flags)
{
    public IReadOnlyList<NotTestable> NotTestable { get; init; } = [];
}
