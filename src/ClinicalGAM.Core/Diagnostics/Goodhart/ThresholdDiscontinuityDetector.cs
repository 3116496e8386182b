using System.Globalization;
using ClinicalGAM.Core.Computing;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>
/// Finds jumps in a numeric biomarker's risk at a value, beyond the local trend: the mark a treatment threshold leaves.
/// Edges of the shape function are grouped into blocks about a quarter window wide (so the number of hypotheses
/// follows the resolution of the test, not the number of bins); each block is tested at its most "clinical" edge
/// (a library cut-off, else the roundest number). With the cohort at hand the test is a local regression
/// discontinuity on the data, every other term held as offset (<see cref="LocalDiscontinuityFit"/>); without it,
/// the jump of the shape function against a local line, with its standard error from the spread across bags.
/// Blocks of all terms are tested together with prior-weighted Benjamini-Hochberg (cut-offs, then round numbers,
/// and jumps against the trend weigh more); a significant block is then localised to its strongest edge, and the
/// shape function itself must jump the same way.
/// </summary>
public sealed class ThresholdDiscontinuityDetector : IGoodhartDetector
{
    /// <summary>Fewest non-empty bins a term needs to be tested. Defaults to 10.</summary>
    public int MinimumDistinctBins { get; init; } = 10;

    public string Name => "threshold";

    public IReadOnlyList<GoodhartFlag> Detect(GoodhartContext context, CancellationToken cancellationToken = default) =>
        Run(context, cancellationToken).Flags;

    public GoodhartReport Run(GoodhartContext context, CancellationToken cancellationToken = default)
    {
        var options = context.Options;
        var model = context.Model;
        var shared = TermRows.Prepare(model, context.Data, cancellationToken);
        var tests = new List<EdgeTest>();
        var testers = new List<EdgeTester>();
        // Cut-offs where the recorded values heap or bunch (read from the values alone, never the outcome) are
        // candidates stated before the outcome is looked at, like library cut-offs.
        var density = DensityCandidateScan.For(context, cancellationToken);
        for (int t = 0; t < model.Terms.Count; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // With the cohort the jump is tested on the data, so models without bags (ML.NET GAM) are covered too.
            var curve = ShapeCurve.TryCreate(model.Terms[t], requireBags: shared is null);
            // A feature with a handful of values (parity, a score) steps between every value: a jump is not
            // distinguishable from its trend there.
            if (curve is null || curve.Weight.Count(w => w > 0) < MinimumDistinctBins) continue;
            // Calendar time is not a biomarker that drives treatment: a step in it is a change of period, which the
            // temporal detectors test, not a treatment threshold.
            if (curve.Feature == options.TimeColumn) continue;
            var rows = shared is null ? null : TermRows.Create(shared, t, model.Terms[t], context.Data!);
            var tester = new EdgeTester(curve, context.Cutoffs.Match(curve.Feature, curve.Quantile(0.5)), options, rows, model.Info.Objective,
                density.Found.Where(c => c.Feature == curve.Feature).ToList());
            testers.Add(tester);
        }
        // Placebo cut-offs (away from every candidate) calibrate the data-based test before any real edge is tested.
        // Terms are independent: their local fits run in parallel, results kept in term order (deterministic).
        var placeboZ = new List<double>[testers.Count];
        BoundedParallel.For(testers.Count, cancellationToken, i => placeboZ[i] = testers[i].PlaceboZ());
        var calibration = PlaceboCalibration.From("threshold", placeboZ.SelectMany(z => z));
        var blocks = new List<EdgeTest>[testers.Count];
        BoundedParallel.For(testers.Count, cancellationToken, i =>
        {
            testers[i].Inflation = options.CalibrateOnPlacebos ? calibration.Inflation : 1;
            blocks[i] = testers[i].TestBlocks();
        });
        foreach (var b in blocks) tests.AddRange(b);
        IReadOnlyList<PlaceboCalibration> calibrations = shared is null ? [] : [calibration];
        if (tests.Count == 0) return new GoodhartReport([], NotTestableOf(testers)) { Calibrations = calibrations };

        var q = Statistics.WeightedBenjaminiHochberg(tests.Select(t => t.P).ToList(), tests.Select(t => t.Prior).ToList());
        var flags = new List<GoodhartFlag>();
        foreach (var tester in testers)
        {
            var significant = tests.Select((t, i) => (Test: t, Q: q[i]))
                .Where(x => x.Test.Tester == tester && x.Q <= options.FalseDiscoveryRate)
                .Select(x => tester.Localise(x.Test) with { Q = x.Q })
                .Where(t => Math.Abs(t.Jump) >= options.MinimumEffect && Math.Abs(t.Z) >= options.MinimumThresholdZ
                    && Math.Sign(t.ShapeJump) == Math.Sign(t.Jump))
                .OrderByDescending(t => t.Rank)
                .ToList();
            // One flag per cluster: neighbouring blocks share data and answer the same question.
            var accepted = new List<EdgeTest>();
            foreach (var t in significant)
            {
                if (accepted.Any(a => t.Edge >= a.WindowLow && t.Edge <= a.WindowHigh)) continue;
                // The bias-corrected robust CI is reported beside the conventional one. As a gate (CI must exclude 0)
                // it cut threshold recall on the planted simulation from 1.0 to 0.5-0.8 at 20k rows, so it informs
                // the reviewer instead (left out when the local quadratic itself fails its checks: it asks more of the
                // data than the line behind the flag).
                var (robustJump, low, high, problem) = tester.Robust(t);
                accepted.Add(problem is null ? t with { RobustJump = robustJump, RobustLow = low, RobustHigh = high } : t);
            }
            var sorted = tester.RecordedValuesSorted();
            flags.AddRange(accepted.Select(t => ToFlag(t) with
            {
                Density = t.DensitySource?.Test ?? (sorted is null ? null : DensityDiscontinuityTest.Test(sorted, t.At)),
            }));
        }
        return new GoodhartReport(flags.OrderByDescending(f => f.Score).ToList(), NotTestableOf(testers)) { Calibrations = calibrations };
    }

    /// <summary>One entry per term whose local fits failed somewhere: the range of edges and the commonest reason.</summary>
    private static List<NotTestable> NotTestableOf(IEnumerable<EdgeTester> testers) =>
        testers.Where(t => t.Untestable.Count > 0)
            .Select(t => new NotTestable(t.Curve.Feature, "threshold", t.Untestable.Keys.First(), t.Untestable.Keys.Last(),
                t.Untestable.Count, t.Untestable.Values.GroupBy(r => r).OrderByDescending(g => g.Count()).First().Key))
            .ToList();

    /// <summary>Bag-based tests of every block of one term (no data): used by unit tests and the model-only path.</summary>
    internal static List<EdgeTest> TestEdges(ShapeCurve curve, CutoffMatch? match, GoodhartOptions options) =>
        new EdgeTester(curve, match, options, null, Objective.LogLoss).TestBlocks();

    /// <summary>Prior weight of an edge: clinical cut-offs most, then cuts where the recorded values heap or bunch
    /// (fixed from the values alone, so the weight cannot bias the outcome test), coarse round numbers next, arbitrary
    /// values least.</summary>
    internal static double Prior(double cutoff, double relativeGrain, bool density = false) =>
        !double.IsNaN(cutoff) ? 40 : density ? 20 : relativeGrain >= 0.2 ? 4 : relativeGrain >= 0.05 ? 2 : 0.5;

    private static GoodhartFlag ToFlag(EdgeTest t)
    {
        string feature = t.Tester.Curve.Feature;
        string at = t.At.ToString("G6", CultureInfo.InvariantCulture);
        string dir = t.Jump > 0 ? "rises" : "falls";
        string against = t.OpposesTrend ? ", against the trend around it" : "";
        string cut = t.Cutoff is null ? "" : $" (a known treatment cut-off, {t.Cutoff})";
        string message =
            $"{Capitalised(EffectUnits.Quantity(t.Tester.Objective))} {dir} abruptly at {feature} {at}{cut} by {Math.Abs(t.Jump):0.00} {EffectUnits.Of(t.Tester.Objective)} " +
            $"(95% CI {t.Low:0.00} to {t.High:0.00}{Robust(t)}){against}; this likely reflects treatment given at that value, " +
            "not the biomarker's underlying risk.";
        return new GoodhartFlag
        {
            Feature = feature,
            Kind = GoodhartKind.Threshold,
            At = t.At,
            Edge = t.Edge,
            RangeLow = t.WindowLow,
            RangeHigh = t.WindowHigh,
            Effect = t.Jump,
            EffectLow = t.Low,
            EffectHigh = t.High,
            Z = t.Z,
            P = t.P,
            Q = t.Q,
            SamplesLeft = t.SamplesLeft,
            SamplesRight = t.SamplesRight,
            OpposesTrend = t.OpposesTrend,
            Cutoff = t.Cutoff,
            Score = t.Rank,
            Message = message,
            RobustEffect = t.RobustJump,
            RobustLow = t.RobustLow,
            RobustHigh = t.RobustHigh,
            Bandwidth = t.Bandwidth,
            BandwidthAbove = t.BandwidthAbove,
            BiasBandwidth = t.BandwidthChoice?.PilotBelow ?? double.NaN,
            BiasBandwidthAbove = t.BandwidthChoice?.PilotAbove ?? double.NaN,
            BandwidthSource = double.IsFinite(t.Bandwidth) ? t.BandwidthRaised ? "sample floor" : "mse-optimal" : null,
            RiskDifference = t.RiskChange,
            RiskDifferenceLow = t.RiskChangeLow,
            RiskDifferenceHigh = t.RiskChangeHigh,
            LibraryContributed = t.Cutoff is not null,
            Sources = Sources(t),
            Evidence = t.DensitySource is { } d
                ? $"jump in the data at {at}, where the recorded values heap or bunch ({HeapingDetector.Source(d)}){(t.Cutoff is null ? "; no library entry" : $"; a cut-off library entry ({t.Cutoff}) raised its prior too")}"
                : t.Cutoff is not null
                ? $"jump in the data at {at}; a cut-off library entry ({t.Cutoff}) raised its prior"
                : !double.IsNaN(t.Grain) && t.At != t.Edge
                    ? $"jump in the data at {at}, a round number at the column's own scale (multiple of {t.Grain.ToString("G4", CultureInfo.InvariantCulture)}); no library entry"
                    : $"jump in the data at {at}, found by the edge search; no library entry",
            Advice = Advice(feature, at, t.Jump, t.Tester.Objective),
            Action = new FlagAction("flatten-jump", feature, t.WindowLow, t.WindowHigh),
        };
    }

    /// <summary>Every source that put the flag's cut forward, in words (see <see cref="GoodhartFlag.Sources"/>).</summary>
    private static List<string> Sources(EdgeTest t)
    {
        var sources = new List<string>();
        if (t.DensitySource is { } d) sources.Add(HeapingDetector.Source(d));
        if (!double.IsNaN(t.Grain) && t.At != t.Edge && Math.Abs(t.At / t.Grain - Math.Round(t.At / t.Grain)) < 1e-6)
            sources.Add($"round number (multiple of {t.Grain.ToString("G4", CultureInfo.InvariantCulture)})");
        if (t.Searched) sources.Add("shape change point");
        if (t.Cutoff is not null) sources.Add($"cut-off library ({t.Cutoff})");
        return sources;
    }

    /// <summary>What a clinician should take from a threshold flag, and what to check.</summary>
    private static string Advice(string feature, string at, double jump, Objective objective) =>
        $"Patients on the {(jump > 0 ? "upper" : "lower")} side of {feature} {at} look {(jump > 0 ? "riskier" : "safer")} in the model than their neighbours " +
        $"just across it. That step is most likely the care given at {at} (treatment or closer monitoring starts there), not the " +
        $"biomarker's own risk: do not read the model's risk near {at} as what an untreated patient would face. Check whether a " +
        $"protocol acts at {feature} {at}; if so, flatten the jump in the shape (or model the treatment) before using the model to decide care.";

    private static string Robust(EdgeTest t) => (double.IsFinite(t.RobustLow) && double.IsFinite(t.RobustHigh)
        ? $"; bias-corrected robust CI {t.RobustLow.ToString("0.00", CultureInfo.InvariantCulture)} to {t.RobustHigh.ToString("0.00", CultureInfo.InvariantCulture)}"
        : "") + (double.IsFinite(t.Bandwidth)
        ? $"; patients within {t.Bandwidth.ToString("G3", CultureInfo.InvariantCulture)} below and {t.BandwidthAbove.ToString("G3", CultureInfo.InvariantCulture)} above the cut, {(t.BandwidthRaised ? "bandwidth raised to the sample floor" : "MSE-optimal bandwidth")}"
        : "");

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>One tested edge. Jump/CI/Z/P come from the data when available, else from the bags.</summary>
    internal sealed record EdgeTest(EdgeTester Tester, int Index, int BlockFirst, int BlockLast, double Edge, double At,
        string? Cutoff, double Jump, double Low, double High, double Z, double P, double Prior, double SamplesLeft,
        double SamplesRight, bool OpposesTrend, double WindowLow, double WindowHigh, double ShapeJump)
    {
        public double Q { get; init; } = 1;
        /// <summary>The jump and its CI on the response scale (risk difference for a binary outcome) at the window's
        /// average patient; NaN without the cohort.</summary>
        public double RiskChange { get; init; } = double.NaN;
        public double RiskChangeLow { get; init; } = double.NaN;
        public double RiskChangeHigh { get; init; } = double.NaN;
        /// <summary>The heaping/bunching finding at this cut that put it forward; null when none.</summary>
        public DensityCandidateScan.Candidate? DensitySource { get; init; }
        /// <summary>True when the edge was chosen by searching the shape for its largest jump (not placed in advance).</summary>
        public bool Searched { get; init; }
        /// <summary>Grain of the round number at the edge (NaN when none).</summary>
        public double Grain { get; init; } = double.NaN;
        /// <summary>Bias-corrected (local quadratic) jump behind the robust CI; NaN before that check.</summary>
        public double RobustJump { get; init; } = double.NaN;
        public double RobustLow { get; init; } = double.NaN;
        public double RobustHigh { get; init; } = double.NaN;
        /// <summary>Data-driven bandwidths of the local fit below and above the cut, and the pilots of its bias correction
        /// (value units); null when the sample window was used.</summary>
        public RdBandwidth.Choice? BandwidthChoice { get; init; }
        public double Bandwidth => BandwidthChoice?.Below ?? double.NaN;
        public double BandwidthAbove => BandwidthChoice?.Above ?? double.NaN;
        public bool BandwidthRaised => BandwidthChoice?.RaisedToFloor ?? false;
        /// <summary>Link value just below the cut (for the risk-difference scale).</summary>
        public double BaseLink { get; init; } = double.NaN;
        /// <summary>Evidence weighted by the prior: -log10 of the weighted p-value.</summary>
        public double Rank => -Math.Log10(Math.Max(P / Prior, 1e-300));
    }
}
