namespace ClinicalGAM.Storage;

/// <summary>
/// A Goodhart drift flag as found by one detector run. History: a new run adds records, never overwrites.
/// Numbers are nullable because SQLite cannot store NaN (it becomes NULL).
/// </summary>
public sealed class GoodhartFlagRecord : IProjectOwned
{
    public int Id { get; set; }
    /// <summary>The project it belongs to (see <see cref="ProjectScope"/>).</summary>
    public int ProjectId { get; set; }
    public int FlagRunId { get; set; }
    public int ModelId { get; set; }
    public DateTime RunUtc { get; set; }
    public required string Feature { get; set; }
    /// <summary>"threshold", "direction", "temporal", "heaping", ...</summary>
    public required string Kind { get; set; }
    /// <summary>The threshold value, or for "temporal" the first period of the new regime.</summary>
    public double? At { get; set; }
    /// <summary>Jump or change in log-odds.</summary>
    public double? Effect { get; set; }
    public double? EffectLow { get; set; }
    public double? EffectHigh { get; set; }
    public double? Z { get; set; }
    public double? P { get; set; }
    public required string Message { get; set; }
    /// <summary>Everything else the detector reports (samples each side, trend, periods ...), as JSON.</summary>
    public string? DetailsJson { get; set; }

    public FlagRunRecord? FlagRun { get; set; }
}
