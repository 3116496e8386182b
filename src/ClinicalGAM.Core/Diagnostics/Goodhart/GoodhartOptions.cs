namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>Settings shared by the detectors. Defaults are conservative: few flags, each defensible.</summary>
public sealed record GoodhartOptions
{
    /// <summary>False discovery rate for threshold and direction flags. Defaults to 0.05.</summary>
    public double FalseDiscoveryRate { get; init; } = 0.05;

    /// <summary>
    /// Converts the spread of a statistic across bags into its standard error. EBM bags are fitted on overlapping
    /// subsamples (85% of rows each), so their spread understates sampling error by about sqrt(v / (1 - v)) for a
    /// validation share v; the default undoes that (delete-d jackknife). Use 1 for bootstrap bags.
    /// </summary>
    public double BagSpreadToStandardError { get; init; } = Math.Sqrt((1 - 0.15) / 0.15);

    /// <summary>
    /// Smallest |z| of a threshold flag's own test, whatever its prior. The prior-weighted false-discovery step lets a
    /// library cut-off through on weak evidence (a nominal p near 0.01 when few edges are tested); a flag that tells a
    /// clinician "treatment bent this curve" must stand on strong evidence of its own. Defaults to 3 (p about 0.003).
    /// </summary>
    public double MinimumThresholdZ { get; init; } = 3;

    /// <summary>Smallest jump (log-odds) worth flagging, whatever its p-value. Defaults to 0.1.</summary>
    public double MinimumEffect { get; init; } = 0.1;

    /// <summary>
    /// Share of the samples on each side of an edge that the local test holds at least: the floor of its data-driven
    /// bandwidth (and the window of the bag-based test, of the edge blocks and of the flatten action). Defaults to 0.1.
    /// </summary>
    public double WindowFraction { get; init; } = 0.1;

    /// <summary>Fewest samples on a side of an edge (or in a period) for a test to be made. Defaults to 30.</summary>
    public int MinimumSideSamples { get; init; } = 30;

    /// <summary>
    /// Fewest events (and, for a binary outcome, non-events) on each side of an edge for the local regression test to
    /// count as evidence. A Wald test on a handful of events is far too confident: on a 1,500-patient cohort it once put
    /// a 2-log-odds "jump" at a library cut-off where nothing was planted. Such an edge stays in the false-discovery
    /// count with p = 1. Defaults to 10 (the usual events-per-parameter floor).
    /// </summary>
    public double MinimumSideEvents { get; init; } = 10;

    /// <summary>Declared directions (feature -> +1 risk rises with the value, -1 falls); override the library.</summary>
    public IReadOnlyDictionary<string, int> ExpectedDirections { get; init; } = new Dictionary<string, int>();

    /// <summary>Time column (year or date) for temporal drift; null turns it off.</summary>
    public string? TimeColumn { get; init; }

    /// <summary>Treatment column (0/1) for the treated/untreated view; null turns it off.</summary>
    public string? TreatmentColumn { get; init; }

    /// <summary>Smallest share of rows on each side of a candidate change point. Defaults to 0.15.</summary>
    public double MinimumPeriodFraction { get; init; } = 0.15;

    /// <summary>
    /// Calibrate the threshold and whole-shape temporal tests on placebos (cut-offs away from every candidate, period
    /// labels shuffled among patients; <see cref="PlaceboCalibration"/>). Off only to measure what the calibration does.
    /// Defaults to true.
    /// </summary>
    public bool CalibrateOnPlacebos { get; init; } = true;

    /// <summary>Most flags returned by the analyzer. Defaults to 20.</summary>
    public int MaxFlags { get; init; } = 20;
}
