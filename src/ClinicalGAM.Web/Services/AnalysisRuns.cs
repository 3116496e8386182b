using ClinicalGAM.Core.Diagnostics.Fairness;
using ClinicalGAM.Core.Diagnostics.MeasurementValue;

namespace ClinicalGAM.Web.Services;

/// <summary>A measurement-value analysis running (or done) for one model; the result lives in memory only.</summary>
public sealed class MeasurementValueRun : ModelTaskRun
{
    public double Fraction { get; internal set; }
    public string Stage { get; internal set; } = "Starting";
    public MeasurementValueReport? Result { get; internal set; }
    public TimeSpan Elapsed { get; internal set; }
}

/// <summary>A four-strategy fairness comparison running (or done) for one model and attribute; in memory only.</summary>
public sealed class FairnessRun : ModelTaskRun
{
    public required string Sensitive { get; init; }
    public double Fraction { get; internal set; }
    public string Stage { get; internal set; } = "Starting";
    public FairnessReport? Result { get; internal set; }
    public TimeSpan Elapsed { get; internal set; }
}
