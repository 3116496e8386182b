namespace ClinicalGAM.Storage;

/// <summary>
/// One flag to store, as the Goodhart analyzer reports it (mapped by the caller from its GoodhartFlag record).
/// NaN and infinities are stored as "not given".
/// </summary>
public sealed record FlagEntry(
    string Feature,
    string Kind,
    double? At,
    double? Effect,
    double? EffectLow,
    double? EffectHigh,
    double? Z,
    double? P,
    string Message,
    string? DetailsJson = null);
