using System.Globalization;
using ClinicalGAM.Core.Computing;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>
/// Finds a policy change that touches one range of a biomarker ("fibrinogen below 300: effect fell from +0.9 to +0.1
/// log-odds from 2018"), which the whole-shape scan misses when the rest of the curve stays put.
/// Per biomarker, over the patients whose value is recorded: the value is cut into groups at round numbers of the
/// column's own scale (near its 5% quantiles), and in every group x period cell the partial level of the biomarker is
/// fitted with the rest of the model as offset (Firth-penalised, checked, Fisher standard error). The cells give
/// per-period binned shapes. For every range (below or from each round-number boundary near the 10%..90% quantiles)
/// and candidate change period k, a weighted least-squares fit on the cells,
/// level[g, p] = shape[g] + period[p] + h [g in range][p &gt;= k], measures how far that range moved against the rest
/// of the curve. The largest |z| over ranges and periods is the change point; its p-value is calibrated on simulated
/// null cells (the same design, cells drawn from their own standard errors, i.e. placebo ranges and periods under
/// no change), with the standard errors inflated by the null fit's overdispersion. Benjamini-Hochberg across biomarkers.
/// </summary>
public sealed class RangeDriftDetector : IGoodhartDetector
{
    /// <summary>Fewest non-empty bins for a feature to count as a biomarker worth scanning. Defaults to 10.</summary>
    public int MinimumDistinctBins { get; init; } = 10;

    /// <summary>Null draws for the scan's p-value (fixed seed, deterministic). Defaults to 2,000.</summary>
    public int NullDraws { get; init; } = 2_000;

    /// <summary>Seed of the null simulation.</summary>
    public int Seed { get; init; } = 20261204;

    /// <summary>Largest share of the recorded patients the smaller side of a boundary may hold. Defaults to 0.5.</summary>
    public double MaximumRangeShare { get; init; } = 0.5;

    public string Name => "range-temporal";

    public IReadOnlyList<GoodhartFlag> Detect(GoodhartContext context, CancellationToken cancellationToken = default) =>
        Run(context, cancellationToken).Flags;

    public GoodhartReport Run(GoodhartContext context, CancellationToken cancellationToken = default)
    {
        var options = context.Options;
        if (options.TimeColumn is null || context.Data is null) return GoodhartReport.Empty;
        var data = context.Data;
        var model = context.Model;
        double[] time = TemporalDriftDetector.PeriodOf(data, options.TimeColumn);
        double[] y = OffsetGlm.Outcome(data, model.Info.Outcome);
        double[] weight = OffsetGlm.Weights(data, model.Info.WeightColumn);
        int[] rows = Enumerable.Range(0, data.RowCount).Where(i => !double.IsNaN(time[i]) && !double.IsNaN(y[i])).ToArray();
        if (rows.Length == 0) return GoodhartReport.Empty;
        var contributions = model.Contributions(data, cancellationToken);
        var eta = new double[data.RowCount];
        Array.Fill(eta, model.Intercept);
        foreach (var c in contributions) for (int i = 0; i < eta.Length; i++) eta[i] += c[i];

        var terms = Enumerable.Range(0, model.Terms.Count)
            .Where(t => !model.Terms[t].IsInteraction && model.Terms[t].Binnings[0].Kind == BinningKind.Continuous
                        && model.Terms[t].Binnings[0].Feature != options.TimeColumn
                        && model.Terms[t].BinWeights.Skip(1).Count(w => w > 0) >= MinimumDistinctBins
                        && data.Find(model.Terms[t].Binnings[0].Feature) is NumericColumn)
            .ToArray();
        var scans = new RangeScan?[terms.Length];
        var untestable = new NotTestable?[terms.Length];
        BoundedParallel.For(terms.Length, cancellationToken, ti =>
        {
            int t = terms[ti];
            int[] recorded = TemporalDriftDetector.RecordedRows(model, data, t, rows);
            var x = OffsetGlm.Numbers(data, model.Terms[t].Binnings[0].Feature);
            var offset = new double[eta.Length];
            foreach (int i in recorded) offset[i] = eta[i] - contributions[t][i];
            (scans[ti], untestable[ti]) = ScanTerm(model.Terms[t].Binnings[0].Feature, model.Info.Objective, x, y, weight,
                time, offset, eta, recorded, options);
        });
        var tested = scans.Where(s => s is not null).Select(s => s!).ToList();
        var notTestable = untestable.Where(n => n is not null).Select(n => n!).ToList();
        if (tested.Count == 0) return new GoodhartReport([], notTestable);
        var q = Statistics.WeightedBenjaminiHochberg(tested.Select(s => s.P).ToList(), tested.Select(_ => 1.0).ToList());
        var flags = new List<GoodhartFlag>();
        for (int i = 0; i < tested.Count; i++)
        {
            if (q[i] > options.FalseDiscoveryRate || Math.Abs(tested[i].Change) < options.MinimumEffect) continue;
            flags.Add(ToFlag(tested[i], q[i], model.Info.Objective));
        }
        return new GoodhartReport(flags, notTestable);
    }

    /// <summary>Cuts between groups: round numbers at the column's scale near its 5%..95% quantiles (data first).</summary>
    internal static double[] RoundCuts(double[] sortedValues)
    {
        double Q(double p) => sortedValues[Math.Clamp((int)Math.Round(p * (sortedValues.Length - 1)), 0, sortedValues.Length - 1)];
        var cuts = new List<double>();
        for (int k = 1; k < 20; k++)
        {
            double p = k / 20.0;
            var (round, _) = RoundNumbers.Roundest(Q(p - 0.02), Q(p + 0.02), Q(p));
            double cut = double.IsNaN(round) ? Q(p) : round;
            if (cuts.Count == 0 || cut > cuts[^1]) cuts.Add(cut);
        }
        return cuts.ToArray();
    }

    private (RangeScan?, NotTestable?) ScanTerm(string feature, Objective objective, double[] x, double[] y, double[] weight,
        double[] time, double[] offset, double[] eta, int[] rows, GoodhartOptions options)
    {
        if (rows.Length < 200) return (null, null);
        var sorted = rows.Select(i => x[i]).Where(double.IsFinite).OrderBy(v => v).ToArray();
        if (sorted.Length < 200) return (null, null);
        double[] cuts = RoundCuts(sorted);
        int groups = cuts.Length + 1;
        var periods = rows.Select(i => time[i]).Distinct().OrderBy(v => v).ToArray();
        int np = periods.Length;
        if (np < 3 || groups < 4) return (null, null);
        var periodIndex = periods.Select((v, i) => (v, i)).ToDictionary(a => a.v, a => a.i);
        // Rows per cell.
        var cellRows = new List<int>[groups, np];
        for (int g = 0; g < groups; g++) for (int p = 0; p < np; p++) cellRows[g, p] = [];
        foreach (int i in rows)
        {
            if (!double.IsFinite(x[i])) continue;
            int g = Array.BinarySearch(cuts, x[i]);
            g = g >= 0 ? g + 1 : ~g;
            cellRows[g, periodIndex[time[i]]].Add(i);
        }
        // Per cell: the biomarker's partial level (one-parameter offset GLM, Firth-penalised and checked).
        var level = new double[groups, np];
        var variance = new double[groups, np];
        var rowCount = new double[groups, np];
        var groupX = new double[groups];
        int failed = 0;
        string? reason = null;
        for (int g = 0; g < groups; g++)
        {
            var inGroup = Enumerable.Range(0, np).SelectMany(p => cellRows[g, p]).Select(i => x[i]).OrderBy(v => v).ToArray();
            groupX[g] = inGroup.Length == 0 ? double.NaN : inGroup[inGroup.Length / 2];
            for (int p = 0; p < np; p++)
            {
                var list = cellRows[g, p];
                rowCount[g, p] = list.Count;
                variance[g, p] = double.PositiveInfinity;
                if (list.Count < 10) continue;
                var cy = list.Select(i => y[i]).ToArray();
                var co = list.Select(i => offset[i]).ToArray();
                var cw = list.Select(i => weight[i]).ToArray();
                var one = new double[list.Count]; Array.Fill(one, 1.0);
                var fit = PenalisedGlm.Fit(objective, cy, co, [one], cw, 0,
                    objective == Objective.Rmse ? double.PositiveInfinity : 2.5, double.PositiveInfinity);
                if (fit.Problem is not null) { failed++; reason ??= fit.Problem; continue; }
                level[g, p] = fit.Beta[0];
                variance[g, p] = fit.Covariance[0, 0];
            }
        }
        var candidates = TemporalDriftDetector.ChangeCandidates(time, rows, options.MinimumPeriodFraction);
        var splits = candidates.Select(k => Array.FindIndex(periods, v => v >= k)).Where(s => s > 0).Distinct().ToArray();
        // Ranges: groups [0, b) (below a cut) and [b, groups) (from a cut on), b at every other cut, holding at most
        // MaximumRangeShare of the recorded patients and at least 5%.
        double total = 0;
        var groupRows = new double[groups];
        for (int g = 0; g < groups; g++) { for (int p = 0; p < np; p++) groupRows[g] += rowCount[g, p]; total += groupRows[g]; }
        var ranges = new List<(int From, int To)>();
        for (int b = 1; b < groups; b++)
        {
            // "Below b moved" and "from b on moved" are one test (the period levels absorb the difference), so each
            // boundary is tested once and the change is told of the smaller side.
            double below = groupRows.Take(b).Sum();
            double smaller = Math.Min(below, total - below);
            if (smaller < 0.05 * total || smaller > MaximumRangeShare * total) continue;
            ranges.Add(below <= total - below ? (0, b) : (b, groups));
        }
        var cells = new List<(int G, int P)>();
        for (int g = 0; g < groups; g++) for (int p = 0; p < np; p++) if (double.IsFinite(variance[g, p]) && variance[g, p] > 0) cells.Add((g, p));
        NotTestable? notTestable = failed > 0 && failed * 5 > cells.Count
            ? new NotTestable(feature, "temporal", periods[0], periods[^1], failed,
                $"{reason} in {failed} of {groups * np} value-by-period cells")
            : null;
        if (ranges.Count == 0 || splits.Length == 0 || cells.Count < groups + np + 2) return (null, notTestable);

        // Null fit: shape[g] + period[p]; its overdispersion inflates every standard error.
        var design = new CellDesign(cells, groups, np, variance);
        var observed = cells.Select(c => level[c.G, c.P]).ToArray();
        var nullFit = design.Solve(null, observed);
        if (nullFit is null) return (null, notTestable);
        double chi2 = 0;
        for (int c = 0; c < cells.Count; c++)
        {
            var (g, p) = cells[c];
            double r = level[g, p] - design.Predict(nullFit.Value.Beta, c, null);
            chi2 += r * r / variance[g, p];
        }
        double phi = Math.Max(1, chi2 / Math.Max(cells.Count - design.Parameters, 1));

        // Each (range, split) estimate of h is a fixed linear combination of the cell levels: precompute it.
        var tests = new List<(int Range, int Split, double[] Contrast, double Se)>();
        for (int r = 0; r < ranges.Count; r++)
            foreach (int s in splits)
            {
                var (from, to) = ranges[r];
                var indicator = cells.Select(c => c.G >= from && c.G < to && c.P >= s ? 1.0 : 0.0).ToArray();
                if (indicator.Sum() < 1 || indicator.Count(v => v == 0) < 1) continue;
                var contrast = design.Contrast(indicator);
                if (contrast is null) continue;
                double v = 0;
                for (int c = 0; c < cells.Count; c++) v += contrast[c] * contrast[c] * variance[cells[c].G, cells[c].P];
                tests.Add((r, s, contrast, Math.Sqrt(v * phi)));
            }
        if (tests.Count == 0) return (null, notTestable);
        double best = 0; int bestIndex = -1; double bestH = 0;
        for (int t = 0; t < tests.Count; t++)
        {
            double h = Dot(tests[t].Contrast, observed);
            double z = h / tests[t].Se;
            if (Math.Abs(z) > Math.Abs(best) * (1 + 1e-9)) (best, bestIndex, bestH) = (z, t, h);
        }
        if (bestIndex < 0) return (null, notTestable);
        // Null calibration: cells drawn around the null fit from their own (inflated) standard errors; the share of
        // draws whose largest |z| over all ranges and periods reaches the observed one.
        var rng = new Random(Seed ^ feature.GetHashCode(StringComparison.Ordinal) & 0x7fffffff);
        var draw = new double[cells.Count];
        int extreme = 0;
        for (int d = 0; d < NullDraws; d++)
        {
            for (int c = 0; c < cells.Count; c++) draw[c] = Math.Sqrt(variance[cells[c].G, cells[c].P] * phi) * Gaussian(rng);
            double max = 0;
            foreach (var t in tests) max = Math.Max(max, Math.Abs(Dot(t.Contrast, draw) / t.Se));
            if (max >= Math.Abs(best)) extreme++;
        }
        double pValue = (extreme + 1.0) / (NullDraws + 1.0);
        if (extreme == 0) pValue = Math.Min(pValue, Math.Min(1, Statistics.NormalTwoSidedP(best) * tests.Count));

        var chosen = tests[bestIndex];
        var (lowGroup, highGroup) = ranges[chosen.Range];
        int split = chosen.Split;
        // The range's effect against the rest of the curve before the change, from the alternative fit.
        var indicatorBest = cells.Select(c => c.G >= lowGroup && c.G < highGroup && c.P >= split ? 1.0 : 0.0).ToArray();
        var altFit = design.Solve(indicatorBest, observed);
        double before = double.NaN;
        if (altFit is { } alt)
        {
            double inside = 0, insideW = 0, outside = 0, outsideW = 0;
            for (int g = 0; g < groups; g++)
            {
                double s = design.Shape(alt.Beta, g);
                if (g >= lowGroup && g < highGroup) { inside += groupRows[g] * s; insideW += groupRows[g]; }
                else { outside += groupRows[g] * s; outsideW += groupRows[g]; }
            }
            before = inside / Math.Max(insideW, 1) - outside / Math.Max(outsideW, 1);
        }
        double baseLink = 0, baseW = 0;
        for (int g = lowGroup; g < highGroup; g++) for (int p = 0; p < split; p++) foreach (int i in cellRows[g, p]) { baseLink += eta[i]; baseW++; }
        baseLink = baseW > 0 ? baseLink / baseW : double.NaN;
        double low = lowGroup == 0 ? double.NegativeInfinity : cuts[lowGroup - 1];
        double high = highGroup == groups ? double.PositiveInfinity : cuts[highGroup - 1];
        var curves = PeriodCurves(design, nullFit.Value.Beta, level, variance, groupX, cellRows, periods, split, phi);
        double rowsBefore = 0, rowsAfter = 0;
        for (int g = lowGroup; g < highGroup; g++) for (int p = 0; p < np; p++) { if (p < split) rowsBefore += rowCount[g, p]; else rowsAfter += rowCount[g, p]; }
        return (new RangeScan(feature, objective, periods[split], low, high, sorted[0], sorted[^1], before, bestH, chosen.Se, best,
            pValue, baseLink, rowsBefore, rowsAfter, curves, tests.Count), notTestable);
    }

    /// <summary>Before/after binned shapes (cell levels pooled over periods, period effects removed), centred.</summary>
    private static IReadOnlyList<PeriodCurve> PeriodCurves(CellDesign design, double[] nullBeta, double[,] level, double[,] variance,
        double[] groupX, List<int>[,] cellRows, double[] periods, int split, double phi)
    {
        int groups = groupX.Length, np = periods.Length;
        PeriodCurve Curve(int from, int to, string label)
        {
            var xs = new List<double>(); var score = new List<double>(); var se = new List<double>();
            int rows = 0;
            for (int g = 0; g < groups; g++)
            {
                double sum = 0, info = 0;
                for (int p = from; p < to; p++)
                {
                    rows += cellRows[g, p].Count;
                    if (!(double.IsFinite(variance[g, p]) && variance[g, p] > 0)) continue;
                    sum += (level[g, p] - design.Period(nullBeta, p)) / variance[g, p];
                    info += 1 / variance[g, p];
                }
                if (info <= 0 || double.IsNaN(groupX[g])) continue;
                xs.Add(groupX[g]); score.Add(sum / info); se.Add(Math.Sqrt(phi / info));
            }
            double mean = score.Count == 0 ? 0 : score.Average();
            var centred = score.Select(s => s - mean).ToArray();
            return new PeriodCurve(label, periods[from], periods[to - 1], rows, xs.ToArray(), centred, se.ToArray(),
                centred.Length == 0 ? 0 : centred.Average(Math.Abs));
        }
        return [Curve(0, split, $"before {Fmt(periods[split])}"), Curve(split, np, $"{Fmt(periods[split])} on")];
    }

    private static GoodhartFlag ToFlag(RangeScan s, double q, Objective objective)
    {
        const double z975 = 1.959963984540054;
        string units = EffectUnits.Of(objective);
        string range = double.IsNegativeInfinity(s.Low) ? $"{s.Feature} below {Fmt(s.High)}"
            : double.IsPositiveInfinity(s.High) ? $"{s.Feature} from {Fmt(s.Low)} up" : $"{s.Feature} {Fmt(s.Low)} to {Fmt(s.High)}";
        double after = s.Before + s.Change;
        string verb = Math.Abs(after) < Math.Abs(s.Before) ? "fell" : "rose";
        double low = s.Change - z975 * s.Se, high = s.Change + z975 * s.Se;
        double Rd(double change) => LocalDiscontinuityFit.Inverse(objective, s.BaseLink + change) - LocalDiscontinuityFit.Inverse(objective, s.BaseLink);
        bool finiteBase = double.IsFinite(s.BaseLink);
        return new GoodhartFlag
        {
            Feature = s.Feature,
            Kind = GoodhartKind.Temporal,
            At = s.Start,
            RangeLow = double.IsNegativeInfinity(s.Low) ? s.Min : s.Low,
            RangeHigh = double.IsPositiveInfinity(s.High) ? s.Max : s.High,
            Effect = s.Change,
            EffectLow = low,
            EffectHigh = high,
            RiskDifference = finiteBase ? Rd(s.Change) : double.NaN,
            RiskDifferenceLow = finiteBase ? Rd(low) : double.NaN,
            RiskDifferenceHigh = finiteBase ? Rd(high) : double.NaN,
            Z = s.Z,
            P = s.P,
            Q = q,
            SamplesLeft = s.RowsBefore,
            SamplesRight = s.RowsAfter,
            Score = -Math.Log10(Math.Max(q, 1e-300)),
            Periods = s.Curves,
            Evidence = $"change point in time of one range of the binned per-period shape ({s.Tests} ranges x periods scanned, calibrated on simulated null cells); no library entry used",
            Message = string.Create(CultureInfo.InvariantCulture,
                $"{char.ToUpperInvariant(range[0])}{range[1..]}: effect {verb} from {s.Before:+0.0;-0.0} to {after:+0.0;-0.0} {units} from {Fmt(s.Start)} " +
                $"(change {s.Change:+0.00;-0.00}, 95% CI {low:0.00} to {high:0.00}) while the rest of the curve stayed; as if a treatment policy for this range started then."),
            Advice = $"From {Fmt(s.Start)}, patients with {range} were treated or watched differently, so their risk in the model mixes two eras. " +
                $"For a patient in this range today, trust the later period's risk; check what changed in {Fmt(s.Start)} (a protocol, a guideline) and consider refitting on data from {Fmt(s.Start)} on.",
            Action = new FlagAction("review-period", s.Feature,
                double.IsNegativeInfinity(s.Low) ? s.Min : s.Low, double.IsPositiveInfinity(s.High) ? s.Max : s.High),
        };
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static string Fmt(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    private sealed record RangeScan(string Feature, Objective Objective, double Start, double Low, double High, double Min,
        double Max, double Before, double Change, double Se, double Z, double P, double BaseLink, double RowsBefore,
        double RowsAfter, IReadOnlyList<PeriodCurve> Curves, int Tests);
}
