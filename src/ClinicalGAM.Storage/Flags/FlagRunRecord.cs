namespace ClinicalGAM.Storage;

/// <summary>
/// One run of the Goodhart detectors on one model. Kept even when it found nothing, so "no flags" is a recorded
/// result and never confused with "not checked".
/// </summary>
public sealed class FlagRunRecord : IProjectOwned
{
    public int Id { get; set; }
    /// <summary>The project it belongs to (see <see cref="ProjectScope"/>).</summary>
    public int ProjectId { get; set; }
    public int ModelId { get; set; }
    public DateTime RunUtc { get; set; }
    public int FlagCount { get; set; }
    /// <summary>Detector settings used (time column, FDR level ...), as JSON.</summary>
    public string? SettingsJson { get; set; }

    public ModelRecord? Model { get; set; }
    public List<GoodhartFlagRecord> Flags { get; set; } = [];
}
