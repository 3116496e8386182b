using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Tests.Diagnostics.Goodhart;

/// <summary>Shape-function terms built by hand: a true curve plus bag-to-bag noise, with known answers.</summary>
internal static class HandBuiltTerms
{
    /// <summary>
    /// A numeric term with cuts from <paramref name="from"/> every <paramref name="step"/> (offset so that round
    /// numbers fall inside bins, as with quantile cuts), each bag = truth + independent noise per bin.
    /// </summary>
    public static GamTerm Build(string feature, Func<double, double> truth, int seed, double from = 0.02, double to = 20,
        double step = 0.25, int bags = 8, double noise = 0.03, double samplesPerBin = 200)
    {
        var cuts = new List<double>();
        for (double c = from; c < to; c += step) cuts.Add(Math.Round(c, 6));
        var binning = new FeatureBinning { Feature = feature, Kind = BinningKind.Continuous, Cuts = cuts.ToArray(), Min = from - step, Max = to + step };
        int cells = binning.BinCount;
        var rng = new Random(seed);
        var weights = new double[cells];
        for (int i = 1; i < cells; i++) weights[i] = samplesPerBin;
        var bagScores = new double[bags][];
        for (int b = 0; b < bags; b++)
        {
            bagScores[b] = new double[cells];
            for (int i = 1; i < cells; i++)
            {
                var (lo, hi) = binning.BinRange(i);
                bagScores[b][i] = truth((lo + hi) / 2) + noise * Normal(rng);
            }
        }
        return FromBags(binning, weights, bagScores);
    }

    /// <summary>A boosting-like staircase: each bag rounds the truth to steps of <paramref name="stepHeight"/> at its own phase.</summary>
    public static GamTerm Staircase(string feature, Func<double, double> truth, int seed, double stepHeight, int bags = 8)
    {
        var rng = new Random(seed);
        var phases = Enumerable.Range(0, bags).Select(_ => rng.NextDouble()).ToArray();
        int bag = 0;
        var term = Build(feature, truth, seed, noise: 0);
        var scores = term.BagScores!;
        for (bag = 0; bag < bags; bag++)
            for (int i = 1; i < scores[bag].Length; i++)
                scores[bag][i] = Math.Floor(scores[bag][i] / stepHeight + phases[bag]) * stepHeight;
        return FromBags(term.Binnings[0], term.BinWeights, scores);
    }

    public static GamTerm FromBags(FeatureBinning binning, double[] weights, double[][] bagScores)
    {
        int cells = binning.BinCount;
        var mean = new double[cells];
        var sd = new double[cells];
        for (int i = 0; i < cells; i++)
        {
            double m = bagScores.Average(b => b[i]);
            mean[i] = m;
            sd[i] = Math.Sqrt(bagScores.Sum(b => (b[i] - m) * (b[i] - m)) / (bagScores.Length - 1));
        }
        return new GamTerm(binning.Feature, [binning], mean, sd, weights, bagScores);
    }

    public static GamModel Model(params GamTerm[] terms) => Model("outcome", terms);

    public static GamModel Model(string outcome, params GamTerm[] terms) =>
        new(new ModelInfo { Engine = "hand", Outcome = outcome, Features = terms.Select(t => t.Name).ToArray() }, -2, terms,
            terms[0].BagScores is null ? null : Enumerable.Repeat(-2.0, terms[0].BagScores!.Length).ToArray());

    public static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
