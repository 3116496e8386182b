using ClinicalGAM.Core.Diagnostics.Fairness;
using ClinicalGAM.Core.Diagnostics.MeasurementValue;

namespace ClinicalGAM.Web.Services;

/// <summary>When and by whom a finished analysis was run (from storage, or just now on this server).</summary>
public sealed record AnalysisProvenance(DateTimeOffset CreatedUtc, string Who, int Seed);

/// <summary>A measurement-value analysis running (or done) for one model; a finished one is stored with the model.</summary>
public sealed class MeasurementValueRun : ModelTaskRun
{
    /// <summary>Set once finished and stored (or loaded from storage).</summary>
    public AnalysisProvenance? Provenance { get; internal set; }
    public double Fraction { get; internal set; }
    public string Stage { get; internal set; } = "Starting";
    public MeasurementValueReport? Result { get; internal set; }
    public TimeSpan Elapsed { get; internal set; }
}

/// <summary>A four-strategy fairness comparison running (or done) for one model and attribute; stored when finished.</summary>
public sealed class FairnessRun : ModelTaskRun
{
    /// <summary>Set once finished and stored (or loaded from storage).</summary>
    public AnalysisProvenance? Provenance { get; internal set; }
    public required string Sensitive { get; init; }
    public double Fraction { get; internal set; }
    public string Stage { get; internal set; } = "Starting";
    public FairnessReport? Result { get; internal set; }
    public TimeSpan Elapsed { get; internal set; }
}
