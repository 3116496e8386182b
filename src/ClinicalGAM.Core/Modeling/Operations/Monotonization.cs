namespace ClinicalGAM.Core.Modeling.Operations;

/// <summary>
/// Post-fit monotone shape functions: isotonic regression of a term's scores over its ordered bins, weighted by the
/// training weight in each bin (pool-adjacent-violators). The missing bin (and an ordinal term's unseen bin) keep their
/// score; the term is re-centred afterwards. Bags move by the same per-bin change, so error bars are kept.
/// </summary>
public static class Monotonization
{
    /// <param name="direction">+1 for non-decreasing (risk rises with the value), -1 for non-increasing.</param>
    public static GamModel Monotonize(this GamModel model, string termName, int direction)
    {
        if (direction is not (1 or -1)) throw new ArgumentOutOfRangeException(nameof(direction), "Direction is +1 (increasing) or -1 (decreasing).");
        var term = model.Term(termName) ?? throw new ArgumentException($"The model has no term '{termName}'.", nameof(termName));
        if (term.IsInteraction) throw new ArgumentException($"Term '{termName}' is a pair; only main effects can be made monotone.", nameof(termName));
        var binning = term.Binnings[0];
        if (binning.Kind == BinningKind.Nominal)
            throw new ArgumentException($"Feature '{binning.Feature}' is nominal: its categories have no order to be monotone in.", nameof(termName));

        int first = 1, last = binning.Kind == BinningKind.Continuous ? term.Scores.Length - 1 : term.Scores.Length - 2;
        var scores = (double[])term.Scores.Clone();
        int n = last - first + 1;
        if (n > 1)
        {
            var values = new double[n];
            var weights = new double[n];
            for (int i = 0; i < n; i++)
            {
                values[i] = direction * term.Scores[first + i];
                // Empty bins still need a monotone value; a tiny weight lets them follow their neighbours.
                weights[i] = Math.Max(term.BinWeights[first + i], 1e-9);
            }
            var fitted = IsotonicRegression.NonDecreasing(values, weights);
            for (int i = 0; i < n; i++) scores[first + i] = direction * fitted[i];
        }

        double[][]? bags = term.BagScores?.Select(bag =>
        {
            var moved = (double[])bag.Clone();
            for (int c = 0; c < moved.Length; c++) moved[c] += scores[c] - term.Scores[c];
            return moved;
        }).ToArray();
        var (centred, shift, bagShifts) = Centring.Centre(
            new GamTerm(term.Name, term.Binnings, scores, term.StandardDeviations, term.BinWeights, bags));
        double[]? bagIntercepts = model.BagIntercepts is { } bi && bagShifts is not null
            ? bi.Select((v, k) => v + bagShifts[k]).ToArray()
            : model.BagIntercepts;
        var terms = model.Terms.Select(t => t.Name == termName ? centred : t).ToList();
        return new GamModel(model.Info, model.Intercept + shift, terms, bagIntercepts);
    }
}

/// <summary>Weighted least-squares isotonic regression by pool-adjacent-violators, O(n).</summary>
public static class IsotonicRegression
{
    public static double[] NonDecreasing(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        if (values.Length != weights.Length) throw new ArgumentException("One weight per value.");
        int n = values.Length;
        var blockMean = new double[n];
        var blockWeight = new double[n];
        var blockSize = new int[n];
        int blocks = 0;
        for (int i = 0; i < n; i++)
        {
            if (weights[i] <= 0) throw new ArgumentException("Weights must be positive.", nameof(weights));
            blockMean[blocks] = values[i];
            blockWeight[blocks] = weights[i];
            blockSize[blocks] = 1;
            blocks++;
            // Pool the new block backwards while it violates the order.
            while (blocks > 1 && blockMean[blocks - 2] > blockMean[blocks - 1])
            {
                double w = blockWeight[blocks - 2] + blockWeight[blocks - 1];
                blockMean[blocks - 2] = (blockMean[blocks - 2] * blockWeight[blocks - 2] + blockMean[blocks - 1] * blockWeight[blocks - 1]) / w;
                blockWeight[blocks - 2] = w;
                blockSize[blocks - 2] += blockSize[blocks - 1];
                blocks--;
            }
        }
        var result = new double[n];
        for (int b = 0, i = 0; b < blocks; b++)
            for (int k = 0; k < blockSize[b]; k++) result[i++] = blockMean[b];
        return result;
    }
}
