using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Diagnostics.Goodhart;

/// <summary>
/// A numeric main-effect term laid out for the detectors: the non-missing bins in order, each with a representative
/// value, its training weight, and every bag's score. Built once per term.
/// </summary>
internal sealed class ShapeCurve
{
    private ShapeCurve(GamTerm term, double[] x, double[] lower, double[] upper, double[] weight, double[][] bags, double[] mean)
    {
        Term = term;
        X = x;
        Lower = lower;
        Upper = upper;
        Weight = weight;
        Bags = bags;
        Mean = mean;
    }

    public GamTerm Term { get; }
    public string Feature => Term.Binnings[0].Feature;
    public FeatureBinning Binning => Term.Binnings[0];
    /// <summary>Representative value of each bin (its midpoint; outer bins use the observed min/max).</summary>
    public double[] X { get; }
    public double[] Lower { get; }
    public double[] Upper { get; }
    public double[] Weight { get; }
    /// <summary>[bag][bin] scores of the non-missing bins.</summary>
    public double[][] Bags { get; }
    public double[] Mean { get; }
    public int Count => X.Length;
    public int BagCount => Bags.Length;
    public double TotalWeight => Weight.Sum();

    /// <summary>The edge between bin i and i+1 (the cut value).</summary>
    public double EdgeAfter(int i) => Binning.Cuts[i];

    /// <summary>
    /// Null unless the term is a numeric main effect with 3+ non-missing bins and (when bags are required) 3+ bags.
    /// Without bags the mean curve stands in as the only bag: fine for tests that take their uncertainty from the data.
    /// </summary>
    public static ShapeCurve? TryCreate(GamTerm term, bool requireBags = true)
    {
        if (term.IsInteraction || term.Binnings[0].Kind != BinningKind.Continuous) return null;
        bool hasBags = term.BagScores is { Length: >= 3 };
        if (requireBags && !hasBags) return null;
        var binning = term.Binnings[0];
        int k = binning.Cuts.Length + 1;
        if (k < 3) return null;
        var x = new double[k];
        var lower = new double[k];
        var upper = new double[k];
        var w = new double[k];
        for (int i = 0; i < k; i++)
        {
            var (lo, hi) = binning.BinRange(i + 1);
            // Open outer bins: mirror the neighbouring bin's width so the midpoint stays sensible.
            if (double.IsInfinity(lo)) lo = binning.Cuts[0] - (k > 2 ? binning.Cuts[1] - binning.Cuts[0] : 1);
            if (double.IsInfinity(hi)) hi = binning.Cuts[^1] + (k > 2 ? binning.Cuts[^1] - binning.Cuts[^2] : 1);
            lower[i] = lo;
            upper[i] = hi;
            x[i] = (lo + hi) / 2;
            w[i] = term.BinWeights[i + 1];
        }
        var bagScores = hasBags ? term.BagScores! : [term.Scores];
        var bags = new double[bagScores.Length][];
        for (int b = 0; b < bags.Length; b++) bags[b] = bagScores[b].AsSpan(1, k).ToArray();
        var mean = term.Scores.AsSpan(1, k).ToArray();
        return new ShapeCurve(term, x, lower, upper, w, bags, mean);
    }

    /// <summary>Weighted quantile of the bin representatives (for the feature's scale).</summary>
    public double Quantile(double q)
    {
        double total = TotalWeight, target = q * total, cum = 0;
        for (int i = 0; i < Count; i++)
        {
            cum += Weight[i];
            if (cum >= target && Weight[i] > 0) return X[i];
        }
        return X[^1];
    }
}
