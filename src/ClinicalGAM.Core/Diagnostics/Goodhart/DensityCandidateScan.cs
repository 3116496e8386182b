using ClinicalGAM.Core.Computing;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>
/// Heaping and bunching as a source of candidate cut-offs, from the recorded values alone (no outcome, no column name):
/// for each continuous biomarker, the round numbers at its own scale (multiples of the 1-5-10 grain just above 5% of
/// its 10-90% range, between its 5% and 95% points) are tested with <see cref="DensityDiscontinuityTest"/> (bunching
/// across the cut, heaping at it). The bunching test is calibrated on placebo cuts (the values at the 10%, 15%, ...,
/// 90% points, moved off every round number of the candidates' grain and every heaped value): the robust variance of
/// their z inflates every real test's standard error (<see cref="PlaceboCalibration"/>). The heaping test calibrates
/// itself against the other values of its grain. Multiplicity: Bonferroni over a biomarker's candidates (both tests),
/// Benjamini-Hochberg across biomarkers; a candidate is found when a test is significant and its signature clear (|z| &gt;= 3 and a 10%
/// density jump, or 1.25x heaping). Because the test never sees the outcome, a found cut can raise the prior of the
/// threshold test there without biasing it.
/// </summary>
public static class DensityCandidateScan
{
    /// <summary>One tested round number: its test (calibrated), and the adjusted p-values of bunching and heaping.</summary>
    public sealed record Candidate(string Feature, double At, double Grain, DensityDiscontinuityTest.Result Test, double BunchQ, double HeapQ)
    {
        public bool BunchFound { get; init; }
        public bool HeapFound { get; init; }
        public bool Found => BunchFound || HeapFound;
    }

    /// <summary>Every candidate tested, and the placebo calibration of the bunching test.</summary>
    public sealed record Outcome(IReadOnlyList<Candidate> Candidates, PlaceboCalibration Calibration)
    {
        public IEnumerable<Candidate> Found => Candidates.Where(c => c.Found);
        public static Outcome Empty { get; } = new([], PlaceboCalibration.From("density", []));
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Data.CohortTable, Dictionary<string, Outcome>> Cache = new();

    /// <summary>
    /// The scan of a context's cohort (<see cref="Columns(GoodhartContext)"/>), computed once per cohort, biomarker set
    /// and settings: the threshold and the heaping detector both read it.
    /// </summary>
    public static Outcome For(GoodhartContext context, CancellationToken cancellationToken = default)
    {
        if (context.Data is null) return Outcome.Empty;
        var columns = Columns(context);
        string key = string.Join("\u0001", columns.Select(c => c.Feature)) + "|" +
            context.Options.FalseDiscoveryRate.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "|" + context.Options.CalibrateOnPlacebos;
        var perData = Cache.GetValue(context.Data, _ => new Dictionary<string, Outcome>());
        lock (perData) if (perData.TryGetValue(key, out var cached)) return cached;
        var outcome = Run(columns, context.Options.FalseDiscoveryRate, context.Options.CalibrateOnPlacebos, cancellationToken);
        lock (perData) perData[key] = outcome;
        return outcome;
    }

    /// <summary>The biomarkers a model's cohort lets us scan: numeric main-effect terms (not the time column) with the
    /// recorded values (missing left out), ascending.</summary>
    public static List<(string Feature, double[] Sorted, double[]? Weights)> Columns(GoodhartContext context)
    {
        if (context.Data is null) return [];
        var features = context.Model.Terms
            .Where(t => t.Binnings.Length == 1 && t.Binnings[0].Kind == BinningKind.Continuous)
            .Select(t => t.Binnings[0].Feature)
            .Where(f => f != context.Options.TimeColumn);
        var weights = context.Model.Info.WeightColumn is null ? null : OffsetGlm.Weights(context.Data, context.Model.Info.WeightColumn);
        return Columns(context.Data, features, weights);
    }

    /// <summary>The named numeric columns' recorded values (missing left out), ascending, with their row weights (null
    /// when every row weighs 1).</summary>
    public static List<(string Feature, double[] Sorted, double[]? Weights)> Columns(Data.CohortTable data, IEnumerable<string> features,
        double[]? rowWeights = null)
    {
        var result = new List<(string, double[], double[]?)>();
        foreach (string feature in features.Distinct())
        {
            if (data.Find(feature) is not Data.NumericColumn column) continue;
            var values = column.Values.ToArray();
            var rows = Enumerable.Range(0, values.Length).Where(i => double.IsFinite(values[i]) && (rowWeights is null || rowWeights[i] > 0)).ToArray();
            var sorted = rows.Select(i => values[i]).ToArray();
            double[]? w = rowWeights is null ? null : rows.Select(i => rowWeights[i]).ToArray();
            if (w is null) Array.Sort(sorted); else Array.Sort(sorted, w);
            result.Add((feature, sorted, w));
        }
        return result;
    }

    public static Outcome Run(IReadOnlyList<(string Feature, double[] Sorted, double[]? Weights)> columns, double falseDiscoveryRate,
        bool calibrate = true, CancellationToken cancellationToken = default)
    {
        var raw = new List<(string Feature, double Grain, DensityDiscontinuityTest.Result Test)>[columns.Count];
        var placeboZ = new List<double>[columns.Count];
        BoundedParallel.For(columns.Count, cancellationToken, i =>
        {
            (raw[i], placeboZ[i]) = ScanColumn(columns[i].Feature, columns[i].Sorted, columns[i].Weights);
        });
        var calibration = PlaceboCalibration.From("density", placeboZ.SelectMany(z => z));
        double inflation = calibrate ? calibration.Inflation : 1;
        var tests = raw.SelectMany(r => r).Select(r => (r.Feature, r.Grain, Test: Inflate(r.Test, inflation))).ToList();
        if (tests.Count == 0) return new Outcome([], calibration);
        // Bonferroni within a biomarker (its candidates' bunching and heaping tests), Benjamini-Hochberg across biomarkers
        // on their smallest adjusted p: one gamed cut tilts the tests of its round neighbours too, and in a single BH
        // over every candidate those neighbours would be extra discoveries that lower the bar for other biomarkers.
        var byFeature = tests.Select((t, i) => (t, i)).GroupBy(x => x.t.Feature).ToList();
        var adjusted = new double[tests.Count, 2];
        var featureP = new List<double>();
        foreach (var g in byFeature)
        {
            int m = 2 * g.Count();
            foreach (var (t, i) in g)
            {
                adjusted[i, 0] = Math.Min(1, m * t.Test.P);
                adjusted[i, 1] = Math.Min(1, m * (double.IsFinite(t.Test.HeapP) ? t.Test.HeapP : 1));
            }
            featureP.Add(g.Min(x => Math.Min(adjusted[x.i, 0], adjusted[x.i, 1])));
        }
        var featureQ = Statistics.WeightedBenjaminiHochberg(featureP, featureP.Select(_ => 1.0).ToList());
        var qOf = byFeature.Select((g, k) => (g.Key, featureQ[k])).ToDictionary(x => x.Key, x => x.Item2);
        var candidates = tests.Select((t, i) =>
        {
            double bunchQ = Math.Max(qOf[t.Feature], adjusted[i, 0]), heapQ = Math.Max(qOf[t.Feature], adjusted[i, 1]);
            return new Candidate(t.Feature, t.Test.At, t.Grain, t.Test, bunchQ, heapQ)
            {
                BunchFound = bunchQ <= falseDiscoveryRate && t.Test.BunchSignals,
                HeapFound = heapQ <= falseDiscoveryRate && t.Test.HeapSignals,
            };
        }).ToList();
        return new Outcome(OnePerCluster(candidates), calibration);
    }

    /// <summary>
    /// Readings moved across one cut also tilt the density test at its round neighbours (the moved mass lies inside their
    /// windows): per biomarker the strongest finding stands, and a finding within its bandwidth is dropped as the same
    /// signature seen from next door (kept in the list, not found).
    /// </summary>
    private static List<Candidate> OnePerCluster(List<Candidate> candidates)
    {
        var accepted = new List<Candidate>();
        foreach (var c in candidates.Where(c => c.Found).OrderByDescending(Strength))
            if (!accepted.Any(a => a.Feature == c.Feature && Math.Abs(a.At - c.At) < Reach(a, c))) accepted.Add(c);
        return candidates.Select(c => c.Found && !accepted.Contains(c) ? c with { BunchFound = false, HeapFound = false } : c).ToList();

        static double Strength(Candidate c) => Math.Max(c.BunchFound ? Math.Abs(c.Test.Z) : 0, c.HeapFound ? Math.Abs(c.Test.HeapZ) : 0);
        static double Reach(Candidate a, Candidate c) =>
            Math.Max(double.IsFinite(a.Test.Bandwidth) ? a.Test.Bandwidth : 0, double.IsFinite(c.Test.Bandwidth) ? c.Test.Bandwidth : 0);
    }

    /// <summary>The candidates' raw tests and the placebos' z for one biomarker.</summary>
    private static (List<(string, double, DensityDiscontinuityTest.Result)> Tests, List<double> PlaceboZ) ScanColumn(string feature, double[] sorted, double[]? weights)
    {
        var tests = new List<(string, double, DensityDiscontinuityTest.Result)>();
        var placebos = new List<double>();
        if (sorted.Length < 500) return (tests, placebos);
        var grid = new RecordingGrid(sorted, weights);
        double scale = grid.Quantile(0.9) - grid.Quantile(0.1);
        if (!(scale > 0) || scale / grid.Precision < 20) return (tests, placebos);
        double grain = Grain(Math.Max(0.05 * scale, grid.Precision));
        double lo = grid.Quantile(0.05), hi = grid.Quantile(0.95);
        for (double c = Math.Ceiling(lo / grain) * grain; c <= hi + 1e-9 * grain; c += grain)
        {
            double cut = grid.Snap(c);
            if (DensityDiscontinuityTest.Test(grid, cut) is { } t) tests.Add((feature, grain, t));
        }
        var chosen = new HashSet<double>();
        for (int k = 2; k <= 18; k++)
        {
            double v = grid.Snap(grid.Quantile(k / 20.0));
            // Off every candidate (multiple of the grain) and every heaped value, nearest first.
            double placebo = double.NaN;
            for (int j = 0; j < 50 && double.IsNaN(placebo); j++)
                foreach (double u in new[] { grid.Snap(v + j * grid.Precision), grid.Snap(v - j * grid.Precision) })
                    if (double.IsNaN(placebo) && grid.TopGrain(u) < grain && grid.IsKept(u) && !IsMultiple(u, grain)) placebo = u;
            if (double.IsNaN(placebo) || !chosen.Add(placebo)) continue;
            if (DensityDiscontinuityTest.Test(grid, placebo) is { Problem: null } r && double.IsFinite(r.Z)) placebos.Add(r.Z);
        }
        return (tests, placebos);
    }

    /// <summary>The bunching test with its standard error inflated by the placebos' variance.</summary>
    private static DensityDiscontinuityTest.Result Inflate(DensityDiscontinuityTest.Result t, double inflation)
    {
        if (inflation <= 1 || !double.IsFinite(t.Z)) return t;
        double k = Math.Sqrt(inflation), z = t.Z / k;
        double se = (t.High - t.Low) / (2 * 1.959963984540054) * k, seRobust = (t.RobustHigh - t.RobustLow) / 2 * (k - 1);
        return t with
        {
            Low = t.LogJump - 1.959963984540054 * se, High = t.LogJump + 1.959963984540054 * se, Z = z, P = Statistics.NormalTwoSidedP(z),
            RobustLow = t.RobustLow - seRobust, RobustHigh = t.RobustHigh + seRobust,
        };
    }

    /// <summary>The smallest grain of the 1-5-10 ladder at least <paramref name="least"/>.</summary>
    internal static double Grain(double least)
    {
        double ten = Math.Pow(10, Math.Floor(Math.Log10(least)));
        foreach (double g in new[] { ten, 5 * ten, 10 * ten })
            if (g >= least * (1 - 1e-9)) return RoundNumbersClean(g);
        return RoundNumbersClean(10 * ten);
    }

    private static double RoundNumbersClean(double g) => double.Parse(g.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsMultiple(double v, double g)
    {
        double r = v / g;
        return Math.Abs(r - Math.Round(r)) < 1e-6 * Math.Max(1, Math.Abs(r));
    }
}
