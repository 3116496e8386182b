using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>
/// Runs every Goodhart detector and returns few, defensible flags: each detector controls its own false discoveries;
/// the analyzer drops a direction flag that only restates a threshold flag of the same biomarker (the jump is the
/// better explanation) and a heaping flag at a cut where the threshold test found a jump (that flag names the heaping
/// among its sources), ranks flags and caps their number.
/// </summary>
public sealed class GoodhartAnalyzer
{
    private readonly IReadOnlyList<IGoodhartDetector> _detectors;

    public GoodhartAnalyzer(IEnumerable<IGoodhartDetector> detectors) => _detectors = detectors.ToList();

    /// <summary>Threshold, counter-direction, temporal and heaping detectors; the trainer (e.g. EBM) refits per period.</summary>
    public static GoodhartAnalyzer CreateDefault(IGamTrainer? periodTrainer = null) =>
        new([new ThresholdDiscontinuityDetector(), new CounterDirectionDetector(), new TemporalDriftDetector(periodTrainer),
            new RangeDriftDetector(), new HeapingDetector()]);

    public IReadOnlyList<IGoodhartDetector> Detectors => _detectors;

    /// <summary>
    /// The whole-shape and the range scans can both see one policy change (a range that moved also shrinks the shape);
    /// one temporal flag per biomarker is kept, the range flag when there is one (it says which range moved). Two
    /// separate policies on one biomarker would then show as one flag; the per-period view shows the rest.
    /// </summary>
    private static List<GoodhartFlag> OneTemporalFlagPerChange(List<GoodhartFlag> all)
    {
        bool IsRange(GoodhartFlag f) => f.Kind == GoodhartKind.Temporal && f.Action?.Kind == "review-period";
        var ranges = all.Where(IsRange).ToList();
        return all.Where(f => f.Kind != GoodhartKind.Temporal || IsRange(f)
            || !ranges.Any(r => r.Feature == f.Feature)).ToList();
    }

    public IReadOnlyList<GoodhartFlag> Analyze(GoodhartContext context, CancellationToken cancellationToken = default) =>
        Report(context, cancellationToken).Flags;

    /// <summary>The flags and the "not testable" places of every detector.</summary>
    public GoodhartReport Report(GoodhartContext context, CancellationToken cancellationToken = default)
    {
        var all = new List<GoodhartFlag>();
        var untestable = new List<NotTestable>();
        var calibrations = new List<PlaceboCalibration>();
        foreach (var detector in _detectors)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var found = detector.Run(context, cancellationToken);
            all.AddRange(found.Flags);
            untestable.AddRange(found.NotTestable);
            calibrations.AddRange(found.Calibrations);
        }
        all = OneTemporalFlagPerChange(all);
        var thresholds = all.Where(f => f.Kind == GoodhartKind.Threshold).ToList();
        var kept = all.Where(f => f.Kind != GoodhartKind.Direction || !thresholds.Any(t => t.Feature == f.Feature &&
            t.At >= f.RangeLow && t.At <= f.RangeHigh && Math.Sign(t.Effect) == Math.Sign(f.Effect)))
            .Where(f => f.Kind != GoodhartKind.Heaping || !thresholds.Any(t => t.Feature == f.Feature && t.At >= f.RangeLow && t.At <= f.RangeHigh
                && t.Sources.Any(s => s.StartsWith("density", StringComparison.Ordinal))));
        // Risk flags first; a recording finding (heaping) after them, however small its p-value.
        var flags = kept
            .OrderBy(f => f.Kind == GoodhartKind.Heaping ? 2 : f.Kind == GoodhartKind.Direction ? 1 : 0)
            .ThenByDescending(f => f.Score)
            .Take(context.Options.MaxFlags)
            .ToList();
        return new GoodhartReport(flags, untestable) { Calibrations = calibrations };
    }
}
