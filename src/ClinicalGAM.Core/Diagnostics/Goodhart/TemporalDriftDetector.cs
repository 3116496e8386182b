using System.Globalization;
using ClinicalGAM.Core.Computing;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>
/// Finds biomarkers whose effect fades from some period on (a treatment policy started). Stage 1 scans every
/// candidate change period k: with all other terms held as the model has them (an offset), it fits
/// logit p = offset + a + b [t &gt;= k] + g f(x) + h f(x) [t &gt;= k] over the patients whose biomarker is recorded,
/// and tests h &lt; 0 (the shape f shrinks after k); the most significant k is the change point (its p-value
/// accounts for the scan), Benjamini-Hochberg over features.
/// Stage 2, when a trainer is given, refits the same specification (main effects) once, with the biomarker split into
/// its values before k and from k on, and compares the two curves on the model's bins with bag-based error bars, to
/// say in which range the curve flattened.
/// </summary>
public sealed class TemporalDriftDetector : IGoodhartDetector
{
    private readonly IGamTrainer? _periodTrainer;

    /// <param name="periodTrainer">Engine for the per-period refit (e.g. EBM); null skips it.</param>
    public TemporalDriftDetector(IGamTrainer? periodTrainer = null) => _periodTrainer = periodTrainer;

    /// <summary>Fewest non-empty bins for a feature to count as a biomarker worth scanning. Defaults to 10.</summary>
    public int MinimumDistinctBins { get; init; } = 10;

    /// <summary>
    /// Most rows for the refit, both periods together (a seeded subsample beyond that). The refit only draws the
    /// curves and the range where they part (the flag itself rests on the stage-1 test on all rows), and its error
    /// bars widen honestly as rows are left out. Defaults to 50,000 (about 25,000 per period).
    /// </summary>
    public int RefitMaxRows { get; init; } = 50_000;

    /// <summary>Largest share of the earlier effect that may remain for a fade to be flagged. Defaults to 0.5.</summary>
    public double MaximumRemainingEffect { get; init; } = 0.5;

    /// <summary>Seed of the placebo periods' shuffles (plus the term's index).</summary>
    public const int PlaceboSeed = 20261205;

    /// <summary>Bags for the per-period refit. Defaults to 8.</summary>
    public int RefitBags { get; init; } = 8;

    /// <summary>Prior weight of a biomarker the cut-off library lists (one that guides treatment), others 1. Defaults to 4.</summary>
    public double TreatmentGuidingPriorWeight { get; init; } = 4;

    public string Name => "temporal";

    public IReadOnlyList<GoodhartFlag> Detect(GoodhartContext context, CancellationToken cancellationToken = default) =>
        Run(context, cancellationToken).Flags;

    public GoodhartReport Run(GoodhartContext context, CancellationToken cancellationToken = default)
    {
        var options = context.Options;
        if (options.TimeColumn is null || context.Data is null) return GoodhartReport.Empty;
        var data = context.Data;
        var model = context.Model;
        double[] time = PeriodOf(data, options.TimeColumn);
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
                        && model.Terms[t].BinWeights.Skip(1).Count(w => w > 0) >= MinimumDistinctBins)
            .ToArray();
        var scans = new Scan?[terms.Length];
        var untestable = new NotTestable?[terms.Length];
        // Placebo periods: each biomarker's scan on period labels shuffled among its patients (seeded), where no policy
        // can line up with a period; their z calibrate the real scans (variance inflation, at least 1).
        var placeboZ = new List<double>[terms.Length];
        BoundedParallel.For(terms.Length, cancellationToken, ti =>
        {
            placeboZ[ti] = [];
            int[] recorded = RecordedRows(model, data, terms[ti], rows);
            double[] candidates = ChangeCandidates(time, recorded, options.MinimumPeriodFraction);
            if (candidates.Length > 0)
                ScanTerm(model, terms[ti], contributions[terms[ti]], eta, y, weight, time, recorded, candidates,
                    placebo: new Random(PlaceboSeed + terms[ti]), placeboZ: placeboZ[ti]);
        });
        var calibration = PlaceboCalibration.From("temporal", placeboZ.SelectMany(z => z));
        BoundedParallel.For(terms.Length, cancellationToken, ti =>
        {
            // Only the rows where the biomarker is recorded: the question is whether its shape over recorded values
            // faded. Rows with it missing would otherwise let the term's level among recorded patients (relative to
            // the missing bin) pose as its effect, so a change over time in who gets tested (informative
            // missingness) would read as the biomarker's effect fading.
            int[] recorded = RecordedRows(model, data, terms[ti], rows);
            double[] candidates = ChangeCandidates(time, recorded, options.MinimumPeriodFraction);
            if (candidates.Length > 0)
                (scans[ti], untestable[ti]) = ScanTerm(model, terms[ti], contributions[terms[ti]], eta, y, weight, time, recorded, candidates,
                    options.CalibrateOnPlacebos ? calibration.Inflation : 1);
        });

        var notTestable = untestable.Where(n => n is not null).Select(n => n!).ToList();
        var tested = scans.Where(s => s is not null).Select(s => s!).ToList();
        if (tested.Count == 0) return new GoodhartReport([], notTestable) { Calibrations = [calibration] };
        var q = Statistics.WeightedBenjaminiHochberg(tested.Select(s => s.P).ToList(),
            tested.Select(s => Prior(model.Terms[s.TermIndex], context.Cutoffs)).ToList());
        var flagged = new List<(Scan Scan, double Q)>();
        for (int i = 0; i < tested.Count; i++)
        {
            var s = tested[i];
            if (q[i] > options.FalseDiscoveryRate || Math.Abs(s.EffectChange) < options.MinimumEffect) continue;
            // A Goodhart fade: the effect at least halves (a milder shift is as likely drift in case mix or coding).
            if ((s.Gamma + s.Change) > MaximumRemainingEffect * s.Gamma) continue;
            flagged.Add((s, q[i]));
        }
        var flags = new List<GoodhartFlag>();
        // One refit per change period, splitting every biomarker flagged at it.
        foreach (var group in flagged.GroupBy(f => f.Scan.Start))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var split = group.Select(f => f.Scan.Feature).ToList();
            var refit = Refit(context, time, y, group.Key, split, cancellationToken);
            flags.AddRange(group.Select(f => ToFlag(f.Scan, f.Q, refit, model, options)));
        }
        return new GoodhartReport(flags, notTestable) { Calibrations = [calibration] };
    }

    /// <summary>
    /// Prior weight of a biomarker in the Benjamini-Hochberg step, fixed before the data are looked at: a policy
    /// that blunts a biomarker's effect is a treatment guided by it, and the cut-off library lists the biomarkers
    /// that guide treatment, so they weigh <see cref="TreatmentGuidingPriorWeight"/> times as much as the others.
    /// </summary>
    internal double Prior(GamTerm term, ClinicalCutoffLibrary cutoffs)
    {
        var curve = ShapeCurve.TryCreate(term, requireBags: false);
        return curve is not null && cutoffs.Match(curve.Feature, curve.Quantile(0.5)) is not null ? TreatmentGuidingPriorWeight : 1;
    }

    /// <summary>The rows (of those given) where the term's biomarker is recorded (not in the missing bin 0).</summary>
    internal static int[] RecordedRows(GamModel model, CohortTable data, int termIndex, int[] rows)
    {
        var bins = GamModel.BinColumn(model.Terms[termIndex].Binnings[0], data);
        return rows.Where(i => bins[i] != 0).ToArray();
    }

    /// <summary>
    /// Max minus min of the shape over the central 98% of recorded patients (the missing bin left out): the few
    /// patients in the extreme bins get scores from a handful of rows (their spread across bags is as large as the
    /// scores), which would overstate how far the biomarker moves risk.
    /// </summary>
    internal static double ObservedRange(GamTerm term)
    {
        double total = 0;
        for (int b = 1; b < term.Scores.Length; b++) total += Math.Max(term.BinWeights[b], 0);
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity, cumulative = 0;
        for (int b = 1; b < term.Scores.Length; b++)
        {
            double w = Math.Max(term.BinWeights[b], 0);
            if (w <= 0) continue;
            double before = cumulative;
            cumulative += w;
            if (cumulative < 0.01 * total || before > 0.99 * total) continue;
            lo = Math.Min(lo, term.Scores[b]);
            hi = Math.Max(hi, term.Scores[b]);
        }
        return hi >= lo ? hi - lo : 0;
    }

    /// <summary>Period of each row: the value itself for whole years, the calendar year for dates.</summary>
    internal static double[] PeriodOf(CohortTable data, string column)
    {
        var t = OffsetGlm.Numbers(data, column);
        bool whole = t.All(v => double.IsNaN(v) || v == Math.Floor(v));
        if (data[column].Kind == ColumnKind.Date || !whole)
            for (int i = 0; i < t.Length; i++) t[i] = Math.Floor(t[i]);
        return t;
    }

    /// <summary>Periods k with at least the given share of rows before k and from k on.</summary>
    internal static double[] ChangeCandidates(double[] period, int[] rows, double minimumFraction)
    {
        var counts = new SortedDictionary<double, int>();
        foreach (int i in rows) counts[period[i]] = counts.GetValueOrDefault(period[i]) + 1;
        var result = new List<double>();
        int before = 0;
        foreach (var (value, count) in counts)
        {
            if (before >= minimumFraction * rows.Length && rows.Length - before >= minimumFraction * rows.Length) result.Add(value);
            before += count;
        }
        // Many distinct periods (e.g. months): test at most 40 evenly spread ones.
        if (result.Count > 40) result = Enumerable.Range(0, 40).Select(i => result[i * result.Count / 40]).ToList();
        return result.ToArray();
    }

    /// <summary>
    /// The change-point scan of one biomarker. Every candidate's fit is Firth-penalised and checked
    /// (<see cref="PenalisedGlm"/>): a candidate period whose fit fails (separation, no convergence, a change the data
    /// cannot estimate) is left out of the scan and reported as not testable with its reason; the simulated p-value
    /// still accounts for every candidate, so leaving one out does not loosen the test.
    /// </summary>
    /// <param name="inflation">Variance inflation from the placebo periods (1 for the placebo pass itself).</param>
    /// <param name="placebo">When given, the period labels are shuffled among the patients with this generator (a placebo:
    /// no policy can line up with shuffled periods) and every candidate's z is added to <paramref name="placeboZ"/>
    /// instead of scanning.</param>
    private static (Scan?, NotTestable?) ScanTerm(GamModel model, int termIndex, double[] f, double[] eta, double[] y, double[] weight,
        double[] time, int[] rows, double[] candidates, double inflation = 1, Random? placebo = null, List<double>? placeboZ = null)
    {
        var term = model.Terms[termIndex];
        string feature = term.Binnings[0].Feature;
        double range = ObservedRange(term);
        if (range <= 1e-9 || rows.Length < 20) return (null, null);
        // The recorded rows as the penalised fit wants them: one array per column.
        int n = rows.Length;
        var ry = new double[n]; var offset = new double[n]; var rf = new double[n]; var rw = new double[n]; var rt = new double[n];
        var ones = new double[n];
        double baseLinkSum = 0, baseWeight = 0;
        for (int r = 0; r < n; r++)
        {
            int i = rows[r];
            (ry[r], offset[r], rf[r], rw[r], rt[r], ones[r]) = (y[i], eta[i] - f[i], f[i], weight[i], time[i], 1);
        }
        if (placebo is not null)
            for (int r = n - 1; r > 0; r--) { int j = placebo.Next(r + 1); (rt[r], rt[j]) = (rt[j], rt[r]); }
        var after = new double[n];
        var fAfter = new double[n];
        var objective = model.Info.Objective;
        bool link = objective != Objective.Rmse;
        Scan? best = null;
        var failed = new List<(double Period, string Reason)>();
        foreach (double k in candidates)
        {
            for (int r = 0; r < n; r++) { after[r] = rt[r] >= k ? 1 : 0; fAfter[r] = after[r] * rf[r]; }
            // The change h multiplies the shape: a standard error above 2.5 log-odds across the shape's range (a 95% CI
            // wider than +-5) says the periods cannot tell; a shape multiplier beyond 15 is separation, not a fade.
            var fit = PenalisedGlm.Fit(objective, ry, offset, [ones, after, rf, fAfter], rw, interest: 3,
                maxInterestSe: link ? LocalDiscontinuityFit.MaxJumpSe / range : double.PositiveInfinity,
                maxCoefficient: link ? LocalDiscontinuityFit.MaxCoefficient : double.PositiveInfinity);
            if (fit.Problem is not null) { failed.Add((k, fit.Problem)); continue; }
            double se = fit.Se(3) * Math.Sqrt(inflation);
            if (!(se > 0)) { failed.Add((k, "the change has no standard error")); continue; }
            double z = fit.Beta[3] / se;
            if (placeboZ is not null) { placeboZ.Add(z); continue; }
            if (best is not null && z >= best.Z) continue;
            int nAfter = 0;
            baseLinkSum = 0; baseWeight = 0;
            for (int r = 0; r < n; r++)
            {
                if (rt[r] >= k) nAfter++;
                else { baseLinkSum += rw[r] * eta[rows[r]]; baseWeight += rw[r]; }
            }
            best = new Scan(feature, termIndex, k, fit.Beta[2], fit.Beta[3], se, z, 0, range, n - nAfter, nAfter)
            {
                BaseLink = baseWeight > 0 ? baseLinkSum / baseWeight : double.NaN,
            };
        }
        if (placeboZ is not null) return (null, null);
        NotTestable? notTestable = failed.Count == 0 ? null
            : new NotTestable(feature, "temporal", failed.Min(x => x.Period), failed.Max(x => x.Period), failed.Count,
                failed.GroupBy(x => x.Reason).OrderByDescending(g => g.Count()).First().Key + " (change-period fit)");
        if (best is null) return (null, notTestable);
        double p = best.Z < 0 ? ScanPValue(best.Z, f, eta, time, rows, candidates, objective, weight: weight) : 1;
        return (best with { P = p }, notTestable);
    }

    /// <summary>
    /// P-value of the most negative z over the scanned change points. Under no change, the statistics across
    /// candidates behave like a standardised Brownian bridge in the term's information (each period adds
    /// independent information), so the null distribution of their minimum is simulated from independent normal
    /// increments per period (fixed seed: deterministic). Adjacent candidates share most data, so this is much less
    /// conservative than Bonferroni over candidates, yet accounts for the search.
    /// </summary>
    internal static double ScanPValue(double observed, double[] f, double[] eta, double[] time, int[] rows,
        double[] candidates, Objective objective, int draws = 20_000, double[]? weight = null)
    {
        // Information about the term's scale per period (f centred, weighted by the GLM working weight).
        var periods = rows.Select(i => time[i]).Distinct().OrderBy(v => v).ToArray();
        var index = periods.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i);
        var sw = new double[periods.Length]; var swf = new double[periods.Length]; var swff = new double[periods.Length];
        foreach (int i in rows)
        {
            double w = objective switch
            {
                Objective.LogLoss => Math.Max(1e-12, 1 / (1 + Math.Exp(-eta[i])) * (1 - 1 / (1 + Math.Exp(-eta[i])))),
                Objective.Poisson => Math.Exp(Math.Min(eta[i], 30)),
                _ => 1,
            } * (weight is null ? 1 : weight[i]);
            int p = index[time[i]];
            sw[p] += w; swf[p] += w * f[i]; swff[p] += w * f[i] * f[i];
        }
        var info = new double[periods.Length];
        for (int p = 0; p < info.Length; p++) info[p] = Math.Max(swff[p] - (sw[p] > 0 ? swf[p] * swf[p] / sw[p] : 0), 0);
        double total = info.Sum();
        if (!(total > 0)) return Math.Min(1, Statistics.NormalTwoSidedP(observed) / 2 * candidates.Length);
        // Candidate k splits after the periods before it.
        var split = candidates.Select(k => Array.FindIndex(periods, v => v >= k)).ToArray();
        var rng = new Random(20261125);
        var increments = new double[periods.Length];
        int atLeastAsExtreme = 0;
        for (int d = 0; d < draws; d++)
        {
            double sum = 0;
            for (int p = 0; p < periods.Length; p++) { increments[p] = Math.Sqrt(info[p]) * Gaussian(rng); sum += increments[p]; }
            double min = double.PositiveInfinity;
            foreach (int s in split)
            {
                double after = 0, infoAfter = 0;
                for (int p = s; p < periods.Length; p++) { after += increments[p]; infoAfter += info[p]; }
                double fraction = infoAfter / total;
                double variance = infoAfter * (1 - fraction);
                if (variance <= 0) continue;
                double z = (after - fraction * sum) / Math.Sqrt(variance);
                if (z < min) min = z;
            }
            if (min <= observed) atLeastAsExtreme++;
        }
        // Beyond the simulation's resolution, Bonferroni over candidates is a valid (conservative) bound.
        double bonferroni = Math.Min(1, Statistics.NormalTwoSidedP(observed) / 2 * candidates.Length);
        return atLeastAsExtreme == 0 ? Math.Min(bonferroni, 1.0 / (draws + 1.0)) : (atLeastAsExtreme + 1.0) / (draws + 1.0);
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>Name of a biomarker's column for the rows before the change period, in the refit.</summary>
    internal static string BeforeColumn(string feature) => feature + " (before)";

    /// <summary>Name of a biomarker's column for the rows from the change period on, in the refit.</summary>
    internal static string AfterColumn(string feature) => feature + " (after)";

    /// <summary>
    /// One refit of the model's specification (main effects) in which each flagged biomarker is split into two
    /// columns, its values before the change period and from it on (missing elsewhere, so each period's level goes
    /// to the missing bin). Every other term is shared by both periods, as in the stage-1 test, so the two curves
    /// differ only where the biomarker's own effect changed; and one fit on a subsample of both periods costs half
    /// of two per-period fits of the same precision for the other terms.
    /// </summary>
    private GamModel? Refit(GoodhartContext context, double[] time, double[] y, double start, IReadOnlyList<string> split,
        CancellationToken cancellationToken)
    {
        if (_periodTrainer is null) return null;
        var info = context.Model.Info;
        var data = context.Data!;
        foreach (string feature in split)
        {
            var values = OffsetGlm.Numbers(data, feature);
            var before = new double[values.Length];
            var after = new double[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                before[i] = time[i] < start ? values[i] : double.NaN;
                after[i] = time[i] >= start ? values[i] : double.NaN;
            }
            data = data.With(new NumericColumn(BeforeColumn(feature), before)).With(new NumericColumn(AfterColumn(feature), after));
        }
        var spec = new ModelSpecification
        {
            Outcome = info.Outcome,
            Features = info.Features.Where(f => !split.Contains(f)).Concat(split.SelectMany(f => new[] { BeforeColumn(f), AfterColumn(f) })).ToList(),
            Objective = info.Objective,
            Seed = info.Seed,
            WeightColumn = info.WeightColumn,
            Interactions = 0,
            Bags = RefitBags,
        };
        int[] rows = Enumerable.Range(0, y.Length).Where(i => !double.IsNaN(y[i]) && !double.IsNaN(time[i])).ToArray();
        return _periodTrainer.Fit(data, spec, Subsample(rows, RefitMaxRows, info.Seed), null, cancellationToken);
    }

    /// <summary>A seeded random subset of at most max rows, in row order (the refits only draw curves).</summary>
    private static int[] Subsample(int[] rows, int max, int seed)
    {
        if (rows.Length <= max) return rows;
        var rng = new Random(seed);
        var copy = (int[])rows.Clone();
        for (int i = 0; i < max; i++) { int j = i + rng.Next(copy.Length - i); (copy[i], copy[j]) = (copy[j], copy[i]); }
        var subset = copy[..max];
        Array.Sort(subset);
        return subset;
    }

    private static GoodhartFlag ToFlag(Scan s, double q, GamModel? refit, GamModel model, GoodhartOptions options)
    {
        const double z975 = 1.959963984540054;
        double before = s.Gamma, afterScale = s.Gamma + s.Change;
        IReadOnlyList<PeriodCurve>? periods = null;
        double low = double.NaN, high = double.NaN;
        if (refit is not null)
        {
            var term = model.Terms[s.TermIndex];
            var x = Enumerable.Range(1, term.Binnings[0].BinCount - 1).Where(b => term.BinWeights[b] > 0).ToArray();
            var b = PeriodShape(refit, BeforeColumn(s.Feature), term, x, options, $"before {Fmt(s.Start)}", double.NegativeInfinity, s.Start, s.RowsBefore);
            var a = PeriodShape(refit, AfterColumn(s.Feature), term, x, options, $"{Fmt(s.Start)} on", s.Start, double.PositiveInfinity, s.RowsAfter);
            if (a is not null && b is not null)
            {
                periods = [b, a];
                (low, high) = FlattenedRange(b, a, x.Select(bin => term.BinWeights[bin]).ToArray());
            }
        }
        string where = double.IsNaN(low) ? "" : $" (mostly between {Fmt(low)} and {Fmt(high)})";
        return new GoodhartFlag
        {
            Feature = s.Feature,
            Kind = GoodhartKind.Temporal,
            At = s.Start,
            RangeLow = low,
            RangeHigh = high,
            // Change in how far the biomarker moves a patient's log-odds (its range), after versus before.
            Effect = s.Change * s.Range,
            EffectLow = (s.Change - z975 * s.Se) * s.Range,
            EffectHigh = (s.Change + z975 * s.Se) * s.Range,
            RiskDifference = RiskChange(model.Info.Objective, s.BaseLink, s.Change * s.Range),
            RiskDifferenceLow = RiskChange(model.Info.Objective, s.BaseLink, (s.Change - z975 * s.Se) * s.Range),
            RiskDifferenceHigh = RiskChange(model.Info.Objective, s.BaseLink, (s.Change + z975 * s.Se) * s.Range),
            Z = s.Z,
            P = s.P,
            Q = q,
            SamplesLeft = s.RowsBefore,
            SamplesRight = s.RowsAfter,
            OpposesTrend = afterScale < 0,
            Score = -Math.Log10(Math.Max(q, 1e-300)),
            Periods = periods,
            Evidence = "change point in time of the whole shape (scan over periods, calibrated by a simulated Brownian bridge)",
            LibraryContributed = false,
            Advice = $"Before and after {Fmt(s.Start)} the same {s.Feature} value carried different risk, most likely because care guided by " +
                $"{s.Feature} changed then. The model's single curve mixes both eras; check what changed in {Fmt(s.Start)} and consider refitting on data from then on.",
            Action = new FlagAction("refit-from-period", s.Feature, low, high),
            Message =
                $"From {Fmt(s.Start)} on, the effect of {s.Feature} on {EffectUnits.Quantity(model.Info.Objective)}{where} fell to about " +
                $"{100 * Math.Max(afterScale, 0) / Math.Max(before, 1e-9):0}% of its earlier size (a change of {s.Change * s.Range:0.00} " +
                $"{EffectUnits.Of(model.Info.Objective)} across its range), as if a treatment policy started then; the model's single curve mixes both periods.",
        };
    }

    /// <summary>
    /// A period's curve (the refit's term for the period column) on the full model's bins, centred on the full
    /// model's weights; its importance is the mean absolute centred score over the same weights, so both periods
    /// are measured on the same patients.
    /// </summary>
    private static PeriodCurve? PeriodShape(GamModel refit, string column, GamTerm full, int[] bins, GoodhartOptions options,
        string label, double from, double to, int rows)
    {
        var binning = full.Binnings[0];
        var term = refit.Terms.FirstOrDefault(t => !t.IsInteraction && t.Binnings[0].Feature == column);
        if (term is null) return null;
        var xs = new double[bins.Length];
        var score = new double[bins.Length];
        var se = new double[bins.Length];
        double wsum = 0, mean = 0;
        for (int i = 0; i < bins.Length; i++)
        {
            var (lo, hi) = binning.BinRange(bins[i]);
            xs[i] = double.IsInfinity(lo) ? hi : double.IsInfinity(hi) ? lo : (lo + hi) / 2;
            int cell = term.Binnings[0].BinOf(xs[i]);
            score[i] = term.Scores[cell];
            se[i] = term.StandardDeviations[cell] * options.BagSpreadToStandardError;
            mean += full.BinWeights[bins[i]] * score[i];
            wsum += full.BinWeights[bins[i]];
        }
        mean /= Math.Max(wsum, 1e-300);
        double importance = 0;
        for (int i = 0; i < score.Length; i++)
        {
            score[i] -= mean;
            importance += full.BinWeights[bins[i]] * Math.Abs(score[i]);
        }
        return new PeriodCurve(label, from, to, rows, xs, score, se, importance / Math.Max(wsum, 1e-300));
    }

    /// <summary>The contiguous run of bins where the two periods differ most (|difference| &gt; 2 SE), by weighted size.</summary>
    private static (double Low, double High) FlattenedRange(PeriodCurve before, PeriodCurve after, double[] weight)
    {
        double bestMass = 0, low = double.NaN, high = double.NaN, mass = 0;
        int start = -1;
        for (int i = 0; i <= before.X.Length; i++)
        {
            bool differs = i < before.X.Length &&
                Math.Abs(before.Score[i] - after.Score[i]) > 2 * Math.Sqrt(before.StandardError[i] * before.StandardError[i] +
                    after.StandardError[i] * after.StandardError[i]);
            if (differs)
            {
                if (start < 0) { start = i; mass = 0; }
                mass += weight[i] * Math.Abs(before.Score[i] - after.Score[i]);
            }
            else if (start >= 0)
            {
                if (mass > bestMass) (bestMass, low, high) = (mass, before.X[start], before.X[i - 1]);
                start = -1;
            }
        }
        return (low, high);
    }

    private static string Fmt(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>A change on the link scale as a change on the response scale at the earlier period's average patient.</summary>
    private static double RiskChange(Objective objective, double baseLink, double change) =>
        double.IsFinite(baseLink) && double.IsFinite(change)
            ? LocalDiscontinuityFit.Inverse(objective, baseLink + change) - LocalDiscontinuityFit.Inverse(objective, baseLink)
            : double.NaN;

    private sealed record Scan(string Feature, int TermIndex, double Start, double Gamma, double Change, double Se, double Z,
        double P, double Range, int RowsBefore, int RowsAfter)
    {
        /// <summary>Mean linear predictor before the change (for the risk-difference scale).</summary>
        public double BaseLink { get; init; } = double.NaN;

        /// <summary>Change of the term's log-odds range after the change point.</summary>
        public double EffectChange => Change * Range;
    }
}
