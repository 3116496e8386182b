using System.Globalization;

namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>
/// Where a direction is expected ("higher SBP, higher risk", declared by the user or by the cut-off library), finds
/// the range over which the shape goes most clearly the other way. The curve (within the range where the
/// expectation holds) is cut into groups of equal sample weight; for every pair of groups the change in level is
/// computed in each bag, and the pair most against the expectation is tested (Bonferroni over pairs, then
/// Benjamini-Hochberg over features).
/// </summary>
public sealed class CounterDirectionDetector : IGoodhartDetector
{
    /// <summary>Groups the curve is cut into; their pairs are the candidate ranges.</summary>
    public int Groups { get; init; } = 12;

    public string Name => "direction";

    public IReadOnlyList<GoodhartFlag> Detect(GoodhartContext context, CancellationToken cancellationToken = default)
    {
        var options = context.Options;
        var found = new List<Candidate>();
        foreach (var term in context.Model.Terms)
        {
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
            if (c is not null) found.Add(c with { FromLibrary = fromLibrary });
        }
        if (found.Count == 0) return [];
        var q = Statistics.WeightedBenjaminiHochberg(found.Select(c => c.P).ToList(), found.Select(_ => 1.0).ToList());
        var flags = new List<GoodhartFlag>();
        for (int i = 0; i < found.Count; i++)
        {
            var c = found[i];
            if (q[i] > options.FalseDiscoveryRate || Math.Abs(c.Change) < options.MinimumEffect) continue;
            flags.Add(ToFlag(c, q[i], EffectUnits.Of(context.Model.Info.Objective)));
        }
        return flags;
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
        int bags = curve.BagCount;
        var level = new double[bags, groups];
        int g = 0; double cum = 0;
        gLow[0] = curve.Lower[first];
        for (int i = first; i <= last; i++)
        {
            double w = curve.Weight[i];
            for (int b = 0; b < bags; b++) level[b, g] += w * curve.Bags[b][i];
            gWeight[g] += w;
            gHigh[g] = curve.Upper[i];
            cum += w;
            if (g < groups - 1 && cum >= inside * (g + 1) / groups && i < last) { g++; gLow[g] = curve.Upper[i]; }
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
                    Math.Min(1, pOneSided * pairs), gWeight[i], gWeight[j]);
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
            OpposesTrend = true,
            Score = -Math.Log10(Math.Max(q, 1e-300)),
            Evidence = c.FromLibrary ? "the shape's own bags go against the direction a cut-off library entry expects over this range"
                : "the shape's own bags go against the declared direction over this range",
            LibraryContributed = c.FromLibrary,
            Advice = $"Patients with {c.Curve.Feature} between {f(c.Low)} and {f(c.High)} look safer in the model than the biomarker alone would make them, " +
                "most likely because they were treated or watched more closely. Do not withhold that care on the strength of the model's lower risk here.",
            Action = new FlagAction("review-range", c.Curve.Feature, c.Low, c.High),
            Message =
                $"Between {c.Curve.Feature} {f(c.Low)} and {f(c.High)} modelled risk {actual} by {Math.Abs(c.Change):0.00} {units} " +
                $"although risk is expected to {expected} with {c.Curve.Feature}; care given in this range (treatment or closer " +
                "monitoring) may be masking the underlying risk.",
        };
    }

    private sealed record Candidate(ShapeCurve Curve, int Direction, double Low, double High, double Change,
        double EffectLow, double EffectHigh, double T, double P, double SamplesLeft, double SamplesRight)
    {
        public bool FromLibrary { get; init; }
    }
}
