namespace ClinicalGAM.Storage;

/// <summary>
/// One finished analysis of a saved model (measurement value, fairness comparison): what was asked (settings JSON,
/// with the seed), what came out (result JSON), when, by whom and how long it took. Append-only history: running an
/// analysis again adds a row; pages and the report show the newest of each kind.
/// </summary>
public sealed class AnalysisResultRecord : IProjectOwned
{
    public int Id { get; set; }
    /// <summary>The project it belongs to (see <see cref="ProjectScope"/>).</summary>
    public int ProjectId { get; set; }
    public int ModelId { get; set; }
    /// <summary>Which analysis: "measurement-value" or "fairness" (see AnalysisKinds).</summary>
    public required string Kind { get; set; }
    public int Seed { get; set; }
    public required string SettingsJson { get; set; }
    public required string ResultJson { get; set; }
    public DateTime CreatedUtc { get; set; }
    public required string Who { get; set; }
    public double Seconds { get; set; }

    public ModelRecord? Model { get; set; }
}

/// <summary>The analysis kinds stored today.</summary>
public static class AnalysisKinds
{
    public const string MeasurementValue = "measurement-value";
    public const string Fairness = "fairness";
}
