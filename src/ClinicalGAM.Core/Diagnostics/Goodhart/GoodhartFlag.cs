namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>The pattern a flag reports.</summary>
public enum GoodhartKind
{
    /// <summary>A jump in the shape function at a value, beyond the local trend (a treatment threshold).</summary>
    Threshold,
    /// <summary>A range where the shape goes against the clinically expected direction.</summary>
    Direction,
    /// <summary>The biomarker's effect fades after a period (a treatment policy started).</summary>
    Temporal,
    /// <summary>Shapes differ between treated and untreated patients.</summary>
    Treatment,
    /// <summary>Recorded values heap at, or bunch across, a cut-off (readings rounded, re-measured or gamed toward a
    /// treatment threshold); a statement about how the biomarker was recorded, with its own false-discovery control,
    /// not counted with the threshold flags.</summary>
    Heaping,
}

/// <summary>
/// One Goodhart flag: where the model's risk for a biomarker appears to reflect care given rather than underlying
/// risk. Effects are on the model's link scale (log-odds for a binary outcome); the interval is 95%.
/// </summary>
public sealed record GoodhartFlag
{
    public required string Feature { get; init; }
    public required GoodhartKind Kind { get; init; }
    /// <summary>Threshold: the reported cut-off (nearest round number when within a bin). Direction: start of the
    /// range. Temporal: the first period (e.g. year) of the new regime.</summary>
    public required double At { get; init; }
    /// <summary>Bin edge the threshold statistic was computed at (threshold flags); NaN otherwise.</summary>
    public double Edge { get; init; } = double.NaN;
    /// <summary>The range of the biomarker the flag concerns (direction, temporal); NaN when a single point.</summary>
    public double RangeLow { get; init; } = double.NaN;
    public double RangeHigh { get; init; } = double.NaN;
    /// <summary>Size of the pattern in log-odds: jump (right minus left), change across the range, or change of effect.</summary>
    public required double Effect { get; init; }
    public required double EffectLow { get; init; }
    public required double EffectHigh { get; init; }
    public required double Z { get; init; }
    /// <summary>Unadjusted two-sided p-value.</summary>
    public required double P { get; init; }
    /// <summary>False-discovery-adjusted p-value (Benjamini-Hochberg, prior-weighted) or family-adjusted p.</summary>
    public double Q { get; init; } = double.NaN;
    /// <summary>Training samples the statistic rests on, below and above the point (or before and after the change).</summary>
    public double SamplesLeft { get; init; }
    public double SamplesRight { get; init; }
    /// <summary>True when the jump goes against the local trend of the curve (the most suspicious case).</summary>
    public bool OpposesTrend { get; init; }
    /// <summary>The clinical cut-off this location matches in the library, e.g. "haemoglobin 7 g/dL"; null if none.</summary>
    public string? Cutoff { get; init; }
    /// <summary>Ranking score (higher = more suspicious); flags are returned in this order.</summary>
    public double Score { get; init; }
    /// <summary>One plain sentence a clinician can read.</summary>
    public required string Message { get; init; }
    /// <summary>The effect on the response scale (risk difference for a binary outcome, at the average patient of the
    /// window or range) with its 95% CI; NaN when only the model was given.</summary>
    public double RiskDifference { get; init; } = double.NaN;
    /// <summary>Threshold flags: the bias-corrected (local quadratic, triangular kernel) jump and its robust 95% CI, in
    /// the spirit of rdrobust; NaN for other kinds.</summary>
    public double RobustEffect { get; init; } = double.NaN;
    public double RobustLow { get; init; } = double.NaN;
    public double RobustHigh { get; init; } = double.NaN;
    /// <summary>Threshold flags with the cohort: the data-driven (MSE-optimal, triangular-kernel) bandwidth h of the local
    /// fit below the cut (<see cref="Bandwidth"/>) and above it, and the pilot bandwidths b of its bias correction, in the
    /// biomarker's units; NaN otherwise.</summary>
    public double Bandwidth { get; init; } = double.NaN;
    public double BandwidthAbove { get; init; } = double.NaN;
    public double BiasBandwidth { get; init; } = double.NaN;
    public double BiasBandwidthAbove { get; init; } = double.NaN;
    /// <summary>"mse-optimal", or "sample floor" when the MSE-optimal bandwidth was narrower than the floor of patients per
    /// side and was raised to it; null without a bandwidth.</summary>
    public string? BandwidthSource { get; init; }
    public double RiskDifferenceLow { get; init; } = double.NaN;
    public double RiskDifferenceHigh { get; init; } = double.NaN;
    /// <summary>Where the candidate came from in the data (round number at the column's scale, searched edge, change
    /// point in time ...), independent of the column's name.</summary>
    public string? Evidence { get; init; }
    /// <summary>Which sources put this candidate forward, in words: "density discontinuity / heaping (z, p)", "round
    /// number (multiple of 10)", "shape change point", "cut-off library (...)"; empty when not recorded.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
    /// <summary>True when a cut-off library entry raised this candidate's prior (the name matched); the evidence
    /// itself always comes from the data.</summary>
    public bool LibraryContributed { get; init; }
    /// <summary>Plain-language advice for the clinician: what the pattern means for care and what to check.</summary>
    public string? Advice { get; init; }
    /// <summary>What to do in the model (term and range), for a shape editor to offer in one click.</summary>
    public FlagAction? Action { get; init; }
    /// <summary>Threshold flags with the cohort: heaping at the cut and bunching across it (density discontinuity).</summary>
    public DensityDiscontinuityTest.Result? Density { get; init; }
    /// <summary>Per-period curves for temporal drift (for overlay plots); null for other kinds.</summary>
    public IReadOnlyList<PeriodCurve>? Periods { get; init; }
}

/// <summary>A biomarker's shape function fitted on one period, evaluated on shared points, with bag-based error bars.</summary>
public sealed record PeriodCurve(
    string Label,
    double From,
    double To,
    int Rows,
    double[] X,
    double[] Score,
    double[] StandardError,
    double Importance);
