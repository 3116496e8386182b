using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>One way of finding where treatment decisions have bent a biomarker's risk curve.</summary>
public interface IGoodhartDetector
{
    /// <summary>Short name ("threshold", "direction", "temporal").</summary>
    string Name { get; }

    /// <summary>Candidate flags, already tested and adjusted for the detector's own multiple comparisons.</summary>
    IReadOnlyList<GoodhartFlag> Detect(GoodhartContext context, CancellationToken cancellationToken = default);

    /// <summary>Flags and the places the detector could not test honestly (see <see cref="NotTestable"/>).</summary>
    GoodhartReport Run(GoodhartContext context, CancellationToken cancellationToken = default) =>
        new(Detect(context, cancellationToken), []);
}

/// <summary>What the detectors look at: the fitted model, optionally its cohort, and the user's settings.</summary>
public sealed record GoodhartContext
{
    public required GamModel Model { get; init; }
    /// <summary>The cohort (needed for temporal drift and the treatment view); null when only the model is known.</summary>
    public CohortTable? Data { get; init; }
    public GoodhartOptions Options { get; init; } = new();
    public ClinicalCutoffLibrary Cutoffs { get; init; } = ClinicalCutoffLibrary.Default;
}
