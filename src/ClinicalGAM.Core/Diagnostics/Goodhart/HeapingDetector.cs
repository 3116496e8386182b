using System.Globalization;

namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>
/// Flags a biomarker whose recorded values heap at, or bunch across, a round number of its own scale
/// (<see cref="DensityCandidateScan"/>): "recorded systolic_bp values bunch just below 140". No jump in risk is claimed;
/// it says how the value was written down, which a clinician wants to see because a protocol acting at that value
/// invites rounding, re-measuring or gaming toward it, and because the model's risk either side of it then mixes
/// patients whose true values differ. Its own kind (<see cref="GoodhartKind.Heaping"/>) with its own false-discovery
/// control (one Benjamini-Hochberg over every candidate's bunching and heaping test): it is not counted with the
/// threshold flags. Where the threshold test also finds a jump at the same cut, the analyzer keeps the threshold flag,
/// which names this evidence among its sources.
/// </summary>
public sealed class HeapingDetector : IGoodhartDetector
{
    public string Name => "heaping";

    public IReadOnlyList<GoodhartFlag> Detect(GoodhartContext context, CancellationToken cancellationToken = default) =>
        Run(context, cancellationToken).Flags;

    public GoodhartReport Run(GoodhartContext context, CancellationToken cancellationToken = default)
    {
        if (context.Data is null) return GoodhartReport.Empty;
        var scan = DensityCandidateScan.For(context, cancellationToken);
        if (scan.Candidates.Count == 0) return GoodhartReport.Empty;
        var flags = scan.Found.Select(c => ToFlag(c, context)).OrderByDescending(f => f.Score).ToList();
        return new GoodhartReport(flags, []) { Calibrations = [scan.Calibration] };
    }

    private static GoodhartFlag ToFlag(DensityCandidateScan.Candidate c, GoodhartContext context)
    {
        var d = c.Test;
        string at = c.At.ToString("G6", CultureInfo.InvariantCulture);
        // Bunching (readings moved across the cut) is the headline when found; a heap at the cut otherwise.
        bool bunch = c.BunchFound;
        // The effect is the log of the density ratio across the cut (bunching) or of the heap ratio (heaping).
        double effect, low, high, z, p;
        if (bunch) (effect, low, high, z, p) = (d.LogJump, d.Low, d.High, d.Z, d.P);
        else
        {
            effect = Math.Log(d.HeapRatio);
            double se = Math.Abs(effect / d.HeapZ);
            (low, high, z, p) = (effect - 1.959963984540054 * se, effect + 1.959963984540054 * se, d.HeapZ, d.HeapP);
        }
        double q = Math.Min(c.BunchFound ? c.BunchQ : 1, c.HeapFound ? c.HeapQ : 1);
        string what = bunch
            ? string.Create(CultureInfo.InvariantCulture,
                $"{Math.Abs(100 * (Math.Exp(effect) - 1)):0}% {(effect < 0 ? "fewer" : "more")} readings just above {at} than just below it (95% CI {100 * (Math.Exp(low) - 1):+0;-0}% to {100 * (Math.Exp(high) - 1):+0;-0}%, z {z:0.0})")
            : string.Create(CultureInfo.InvariantCulture,
                $"{d.HeapRatio:0.0}x as many readings exactly at {at} as at other {(d.PeerGrain > d.Precision ? $"multiples of {d.PeerGrain:G6}" : "values")}, each against its neighbours (z {z:0.0})");
        string verb = bunch ? (effect < 0 ? "bunch just below" : "bunch just above") : d.HeapRatio >= 1 ? "heap at" : "avoid";
        var match = context.Cutoffs.Match(c.Feature, double.NaN);
        double library = match?.CutoffWithin(c.At - c.Grain / 2, c.At + c.Grain / 2, c.At) ?? double.NaN;
        var sources = new List<string> { Source(c), $"round number (multiple of {c.Grain.ToString("G6", CultureInfo.InvariantCulture)})" };
        if (!double.IsNaN(library)) sources.Add($"cut-off library ({match!.Describe(library)})");
        double h = double.IsFinite(d.Bandwidth) ? d.Bandwidth : c.Grain;
        return new GoodhartFlag
        {
            Feature = c.Feature,
            Kind = GoodhartKind.Heaping,
            At = c.At,
            RangeLow = c.At - h,
            RangeHigh = c.At + h,
            Effect = effect,
            EffectLow = low,
            EffectHigh = high,
            Z = z,
            P = p,
            Q = q,
            SamplesLeft = double.NaN,
            SamplesRight = double.NaN,
            Cutoff = double.IsNaN(library) ? null : match!.Describe(library),
            Score = -Math.Log10(Math.Max(q, 1e-300)),
            Message = $"Recorded {c.Feature} values {verb} {at}: {what}. Readings may be rounded, re-measured or gamed toward a " +
                $"treatment threshold at {at}; no jump in risk is claimed.",
            Advice = $"This is about how {c.Feature} was written down, not its risk. If a protocol acts at {c.Feature} {at}, patients " +
                $"recorded just {(bunch && effect < 0 ? "below" : "at or near")} it may truly be on the other side, so the model's risk either side " +
                $"of {at} mixes them. Check how {c.Feature} is measured and recorded near {at} (repeat readings, rounding, a threshold in " +
                "the order set) before reading the shape there.",
            Evidence = $"recorded values only (no outcome, no column name): {Source(c)}",
            Sources = sources,
            LibraryContributed = false,
            Density = d,
            Action = new FlagAction("review-recording", c.Feature, c.At - h, c.At + h),
        };
    }

    /// <summary>"density discontinuity / heaping (bunching z -6.1, p 2e-9; heaping 0.4x, z -4.0, p 0.003)".</summary>
    internal static string Source(DensityCandidateScan.Candidate c)
    {
        var d = c.Test;
        var parts = new List<string>();
        if (double.IsFinite(d.Z)) parts.Add(string.Create(CultureInfo.InvariantCulture, $"bunching z {d.Z:0.0}, p {P(d.P)}"));
        if (double.IsFinite(d.HeapZ)) parts.Add(string.Create(CultureInfo.InvariantCulture, $"heaping {d.HeapRatio:0.00}x, z {d.HeapZ:0.0}, p {P(d.HeapP)}"));
        return $"density discontinuity / heaping ({string.Join("; ", parts)})";
    }

    private static string P(double p) => !double.IsFinite(p) ? "n/a"
        : p < 0.001 ? p.ToString("0.0e+0", CultureInfo.InvariantCulture) : p.ToString("0.###", CultureInfo.InvariantCulture);
}
