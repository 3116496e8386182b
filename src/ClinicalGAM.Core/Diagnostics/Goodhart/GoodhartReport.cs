namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>What a Goodhart run found: the flags, and the places where a test could not be made honestly.</summary>
public sealed record GoodhartReport(IReadOnlyList<GoodhartFlag> Flags, IReadOnlyList<NotTestable> NotTestable)
{
    /// <summary>How each detector's tests were calibrated on placebos (empty when none were run).</summary>
    public IReadOnlyList<PlaceboCalibration> Calibrations { get; init; } = [];

    public static GoodhartReport Empty { get; } = new([], []);
}

/// <summary>
/// A place where the local model behind a flag failed its checks (separation, no convergence, an effect the data
/// cannot estimate): never a flag, listed so a reviewer knows the detector could not look there.
/// </summary>
/// <param name="Feature">The biomarker.</param>
/// <param name="Kind">The detector ("threshold", "direction", "temporal").</param>
/// <param name="Low">Lowest value (or period) not tested.</param>
/// <param name="High">Highest value (or period) not tested.</param>
/// <param name="Count">How many candidate cut-offs or periods failed there.</param>
/// <param name="Reason">Why, in words (the most common reason when several).</param>
public sealed record NotTestable(string Feature, string Kind, double Low, double High, int Count, string Reason)
{
    /// <summary>One sentence for the text output and the web panel.</summary>
    public string Message => Low == High || !double.IsFinite(High)
        ? FormattableString.Invariant($"{Feature} at {Low:G4}{Candidates}: not testable, {Reason}.")
        : FormattableString.Invariant($"{Feature} between {Low:G4} and {High:G4}{Candidates}: not testable, {Reason}.");

    private string Candidates => Count <= 1 ? "" : Kind switch
    {
        "threshold" => FormattableString.Invariant($" ({Count} candidate cut-offs)"),
        "temporal" => FormattableString.Invariant($" ({Count} candidate periods or cells)"),
        _ => FormattableString.Invariant($" ({Count} candidates)"),
    };
}

/// <summary>
/// What to do in the model about a flag, as data a shape editor can act on in one click: the term, and the range
/// of it to flatten (replace the jump by the trend on both sides) or to review.
/// </summary>
/// <param name="Kind">"flatten-jump" (threshold), "review-range" (direction), "review-period" (temporal).</param>
public sealed record FlagAction(string Kind, string Term, double Low, double High);
