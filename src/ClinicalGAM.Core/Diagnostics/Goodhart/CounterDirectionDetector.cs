using System.Globalization;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>
/// Where a direction is expected ("higher SBP, higher risk", declared by the user or by the cut-off library), finds
/// the range over which the shape goes most clearly the other way. The curve (within the range where the
/// expectation holds) is cut into groups of equal sample weight; for every pair of groups the change in level is
/// computed in each bag, and the pair most against the expectation is chosen. With the cohort at hand, the chosen pair
/// is tested on the data: a local Firth-penalised GLM over the rows of the two groups, every other term of the model as
/// offset, link(mean) = offset + a + change [in the upper group], checked for convergence and separation
/// (<see cref="PenalisedGlm"/>); a fit that fails is listed as not testable, never flagged. Without the cohort the
/// bags' spread gives the test. Bonferroni over pairs (the pair was chosen by looking), then Benjamini-Hochberg over
/// features.
/// </summary>
public sealed class CounterDirectionDetector : IGoodhartDetector
{
    /// <summary>Groups the curve is cut into; their pairs are the candidate ranges.</summary>
    public int Groups { get; init; } = 12;

    public string Name => "direction";

    public IReadOnlyList<GoodhartFlag> Detect(GoodhartContext context, CancellationToken cancellationToken = default) =>
        Run(context, cancellationToken).Flags;

    public GoodhartReport Run(GoodhartContext context, CancellationToken cancellationToken = default)
    {
        var options = context.Options;
        var found = new List<Candidate>();
        var notTestable = new List<NotTestable>();
        var objective = context.Model.Info.Objective;
        TermRows.Shared? shared = null;
        bool prepared = false;
        for (int t = 0; t < context.Model.Terms.Count; t++)
        {
            var term = context.Model.Terms[t];
            cancellationToken.ThrowIfCancellationRequested();
            var curve = ShapeCurve.TryCreate(term);
            if (curve is null) continue;
            int direction;
            bool fromLibrary = false;
            double low = double.NegativeInfinity, high = double.PositiveInfinity;
            if (options.ExpectedDirections.TryGetValue(curve.Feature, out int declared)) direction = Math.Sign(declared);
            else
            {
                var match = context.Cutoffs.Match(curve.Feature, curve.Quantile(0.5));
                if (match is null) continue;
                (direction, low, high) = (match.RiskDirection, match.DirectionLow, match.DirectionHigh);
                fromLibrary = true;
            }
            if (direction == 0) continue;
            var c = Test(curve, direction, low, high, options);
            if (c is null) continue;
            if (!prepared) { shared = TermRows.Prepare(context.Model, context.Data, cancellationToken); prepared = true; }
            var rows = shared is null ? null : TermRows.Create(shared, t, term, context.Data!);
            if (rows is not null)
            {
                var (onData, problem) = OnData(c, rows, objective, options);
                if (problem is not null)
                {
                    notTestable.Add(new NotTestable(curve.Feature, "direction", c.Low, c.High, 1, "counter-direction range, local fit: " + problem));
                    continue;
                }
                c = onData!;
            }
            found.Add(c with { FromLibrary = fromLibrary });
        }
        if (found.Count == 0) return new GoodhartReport([], notTestable);
        var q = Statistics.WeightedBenjaminiHochberg(found.Select(c => c.P).ToList(), found.Select(_ => 1.0).ToList());
        var flags = new List<GoodhartFlag>();
        for (int i = 0; i < found.Count; i++)
        {
            var c = found[i];
            if (q[i] > options.FalseDiscoveryRate || Math.Abs(c.Change) < options.MinimumEffect) continue;
            flags.Add(ToFlag(c, q[i], EffectUnits.Of(context.Model.Info.Objective)));
        }
        return new GoodhartReport(flags, notTestable);
    }

    /// <summary>
    /// The chosen pair of groups tested on the data: over the rows of both groups, with the rest of the model as offset,
    /// link(mean) = offset + a + change [in the upper group], Firth-penalised and checked. Returns the candidate with the
    /// data's change, CI, z and p (Bonferroni over the pairs searched) and the change on the response scale at the
    /// lower group's average patient, or the reason the fit cannot be read.
    /// </summary>
    private static (Candidate?, string?) OnData(Candidate c, TermRows rows, Objective objective, GoodhartOptions options)
    {
        var (s1, e1) = rows.RowsOfCurveBins(c.FirstBins.Low, c.FirstBins.High);
        var (s2, e2) = rows.RowsOfCurveBins(c.SecondBins.Low, c.SecondBins.High);
        int n = (e1 - s1) + (e2 - s2);
        if (n < 2 * options.MinimumSideSamples) return (null, "too few rows in the range for a local fit");
        var y = new double[n]; var offset = new double[n]; var weight = new double[n]; var one = new double[n]; var upper = new double[n];
        double eventsLow = 0, eventsHigh = 0, rowsLow = 0, rowsHigh = 0, offsetLow = 0;
        int k = 0;
        foreach (var (start, end, isUpper) in new[] { (s1, e1, 0.0), (s2, e2, 1.0) })
            for (int i = start; i < end; i++, k++)
            {
                (y[k], offset[k], weight[k], one[k], upper[k]) = (rows.Outcome[i], rows.Offset[i], rows.Weight[i], 1, isUpper);
                if (isUpper > 0) { rowsHigh += weight[k]; eventsHigh += weight[k] * y[k]; }
                else { rowsLow += weight[k]; eventsLow += weight[k] * y[k]; offsetLow += weight[k] * offset[k]; }
            }
        if (objective != Objective.Rmse && Math.Min(eventsLow, eventsHigh) < options.MinimumSideEvents)
            return (null, $"fewer than {options.MinimumSideEvents:0} events in a group");
        if (objective == Objective.LogLoss && Math.Min(rowsLow - eventsLow, rowsHigh - eventsHigh) < options.MinimumSideEvents)
            return (null, $"fewer than {options.MinimumSideEvents:0} non-events in a group");
        bool link = objective != Objective.Rmse;
        var fit = PenalisedGlm.Fit(objective, y, offset, [one, upper], weight, interest: 1,
            maxInterestSe: link ? LocalDiscontinuityFit.MaxJumpSe : double.PositiveInfinity,
            maxCoefficient: link ? LocalDiscontinuityFit.MaxCoefficient : double.PositiveInfinity);
        if (fit.Problem is not null) return (null, fit.Problem);
        const double z975 = 1.959963984540054;
        double change = fit.Beta[1], se = fit.Se(1);
        if (!(se > 0)) return (null, "the change has no standard error");
        double z = -c.Direction * change / se;
        double pOneSided = z > 0 ? Statistics.NormalTwoSidedP(z) / 2 : 1;
        double baseLink = rowsLow > 0 ? offsetLow / rowsLow + fit.Beta[0] : double.NaN;
        double Rd(double d) => double.IsFinite(baseLink)
            ? LocalDiscontinuityFit.Inverse(objective, baseLink + d) - LocalDiscontinuityFit.Inverse(objective, baseLink) : double.NaN;
        return (c with
        {
            Change = change, EffectLow = change - z975 * se, EffectHigh = change + z975 * se, T = -c.Direction * change / se,
            P = Math.Min(1, pOneSided * c.Pairs), SamplesLeft = rowsLow, SamplesRight = rowsHigh,
            RiskDifference = Rd(change), RiskDifferenceLow = Rd(change - z975 * se), RiskDifferenceHigh = Rd(change + z975 * se),
            FromData = true,
        }, null);
    }

    private Candidate? Test(ShapeCurve curve, int direction, double low, double high, GoodhartOptions options)
    {
        // Bins inside the range where the expectation holds.
        int first = 0, last = curve.Count - 1;
        while (first <= last && curve.X[first] < low) first++;
        while (last >= first && curve.X[last] > high) last--;
        if (last - first < 1) return null;
        double inside = 0;
        for (int i = first; i <= last; i++) inside += curve.Weight[i];
        int groups = (int)Math.Min(Groups, Math.Floor(inside / options.MinimumSideSamples));
        if (groups < 2) return null;

        // Equal-weight groups: per-bag weighted mean level, plus each group's value range and weight.
        var gLow = new double[groups]; var gHigh = new double[groups]; var gWeight = new double[groups];
        var gFirst = new int[groups]; var gLast = new int[groups];
        int bags = curve.BagCount;
        var level = new double[bags, groups];
        int g = 0; double cum = 0;
        gLow[0] = curve.Lower[first];
        gFirst[0] = first;
        for (int i = first; i <= last; i++)
        {
            double w = curve.Weight[i];
            for (int b = 0; b < bags; b++) level[b, g] += w * curve.Bags[b][i];
            gWeight[g] += w;
            gHigh[g] = curve.Upper[i];
            gLast[g] = i;
            cum += w;
            if (g < groups - 1 && cum >= inside * (g + 1) / groups && i < last) { g++; gLow[g] = curve.Upper[i]; gFirst[g] = i + 1; }
        }
        groups = g + 1;
        for (int gi = 0; gi < groups; gi++)
            for (int b = 0; b < bags; b++) level[b, gi] /= Math.Max(gWeight[gi], 1e-300);

        // The pair of groups whose change goes most clearly against the expected direction.
        var change = new double[bags];
        Candidate? best = null;
        int pairs = groups * (groups - 1) / 2;
        double df = bags - 1;
        for (int i = 0; i < groups; i++)
            for (int j = i + 1; j < groups; j++)
            {
                for (int b = 0; b < bags; b++) change[b] = level[b, j] - level[b, i];
                var (mean, sd) = Statistics.MeanSd(change);
                double se = Math.Max(sd * options.BagSpreadToStandardError, 1e-12);
                double t = -direction * mean / se;
                if (best is not null && t <= best.T) continue;
                double pOneSided = t > 0 ? Statistics.StudentTwoSidedP(t, df) / 2 : 1;
                double tCrit = Statistics.StudentQuantile975(df);
                best = new Candidate(curve, direction, gLow[i], gHigh[j], mean, mean - tCrit * se, mean + tCrit * se, t,
                    Math.Min(1, pOneSided * pairs), gWeight[i], gWeight[j])
                {
                    Pairs = pairs, FirstBins = (gFirst[i], gLast[i]), SecondBins = (gFirst[j], gLast[j]),
                };
            }
        return best;
    }

    private static GoodhartFlag ToFlag(Candidate c, double q, string units)
    {
        string f(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
        string expected = c.Direction > 0 ? "rise" : "fall";
        string actual = c.Change > 0 ? "rises" : "falls";
        return new GoodhartFlag
        {
            Feature = c.Curve.Feature,
            Kind = GoodhartKind.Direction,
            At = c.Low,
            RangeLow = c.Low,
            RangeHigh = c.High,
            Effect = c.Change,
            EffectLow = c.EffectLow,
            EffectHigh = c.EffectHigh,
            Z = c.T,
            P = c.P,
            Q = q,
            SamplesLeft = c.SamplesLeft,
            SamplesRight = c.SamplesRight,
            RiskDifference = c.RiskDifference,
            RiskDifferenceLow = c.RiskDifferenceLow,
            RiskDifferenceHigh = c.RiskDifferenceHigh,
            OpposesTrend = true,
            Score = -Math.Log10(Math.Max(q, 1e-300)),
            Evidence = (c.FromData ? "a local penalised fit on the data (other terms as offset) goes" : "the shape's own bags go")
                + (c.FromLibrary ? " against the direction a cut-off library entry expects over this range" : " against the declared direction over this range"),
            LibraryContributed = c.FromLibrary,
            Advice = $"Patients with {c.Curve.Feature} between {f(c.Low)} and {f(c.High)} look safer in the model than the biomarker alone would make them, " +
                "most likely because they were treated or watched more closely. Do not withhold that care on the strength of the model's lower risk here.",
            Action = new FlagAction("review-range", c.Curve.Feature, c.Low, c.High),
            Message =
                $"Between {c.Curve.Feature} {f(c.Low)} and {f(c.High)} modelled risk {actual} by {Math.Abs(c.Change):0.00} {units} " +
                string.Create(CultureInfo.InvariantCulture, $"(95% CI {c.EffectLow:0.00} to {c.EffectHigh:0.00}) ") +
                $"although risk is expected to {expected} with {c.Curve.Feature}; care given in this range (treatment or closer " +
                "monitoring) may be masking the underlying risk.",
        };
    }

    private sealed record Candidate(ShapeCurve Curve, int Direction, double Low, double High, double Change,
        double EffectLow, double EffectHigh, double T, double P, double SamplesLeft, double SamplesRight)
    {
        public bool FromLibrary { get; init; }
        /// <summary>Pairs of groups searched (the Bonferroni factor).</summary>
        public int Pairs { get; init; } = 1;
        /// <summary>Curve bins of the lower and the upper group of the pair.</summary>
        public (int Low, int High) FirstBins { get; init; }
        public (int Low, int High) SecondBins { get; init; }
        /// <summary>True when the change, CI and p come from the local fit on the data (else from the bags).</summary>
        public bool FromData { get; init; }
        public double RiskDifference { get; init; } = double.NaN;
        public double RiskDifferenceLow { get; init; } = double.NaN;
        public double RiskDifferenceHigh { get; init; } = double.NaN;
    }
}
