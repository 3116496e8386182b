using ClinicalGAM.Core.Data;
using Microsoft.ML.Trainers.FastTree;

namespace ClinicalGAM.Core.Modeling.MlNet;

/// <summary>
/// Rebuilds ML.NET GAM shape functions as our binned terms, one per cohort feature, summing the feature's slots
/// (value + missing indicator, or one indicator per level). Scores are then centred by their training-weighted mean,
/// the shift going into the intercept, which leaves every prediction unchanged.
/// </summary>
internal static class MlNetGamConverter
{
    public static GamModel Convert(GamModelParametersBase parameters, double slope, double offset, MlNetFeaturizer featurizer,
        CohortTable cohort, int[] trainingRows, float[] weights, ModelInfo info)
    {
        var shapes = MlNetShapeFunctions.Read(parameters, featurizer.Slots.Length);
        double intercept = slope * shapes.Bias + offset;
        var terms = new List<GamTerm>();
        for (int f = 0; f < featurizer.Features.Length; f++)
        {
            var plan = featurizer.Features[f];
            var slotIndices = Enumerable.Range(0, featurizer.Slots.Length).Where(s => featurizer.Slots[s].FeatureIndex == f).ToArray();
            var binning = plan.IsCategorical
                ? new FeatureBinning { Feature = plan.Name, Kind = BinningKind.Nominal, Levels = plan.Levels }
                : new FeatureBinning
                {
                    Feature = plan.Name, Kind = BinningKind.Continuous, Min = plan.Min, Max = plan.Max,
                    Cuts = slotIndices.Where(s => featurizer.Slots[s].Kind == MlNetFeaturizer.SlotKind.Value)
                        .Select(s => CutsFromUpperBounds(shapes.UpperBounds(s))).FirstOrDefault() ?? [],
                };
            var scores = new double[binning.BinCount];
            for (int bin = 0; bin < scores.Length; bin++)
            {
                double score = 0;
                foreach (int s in slotIndices)
                    score += shapes.Effect(s, SlotValue(featurizer.Slots[s], plan, binning, bin));
                scores[bin] = slope * score;
            }

            var binWeights = new double[scores.Length];
            var bins = GamModel.BinColumn(binning, cohort);
            for (int k = 0; k < trainingRows.Length; k++) binWeights[bins[trainingRows[k]]] += weights[k];
            double total = binWeights.Sum(), mean = 0;
            for (int b = 0; b < scores.Length; b++) mean += binWeights[b] * scores[b];
            mean = total > 0 ? mean / total : 0;
            for (int b = 0; b < scores.Length; b++) scores[b] -= mean;
            intercept += mean;
            terms.Add(new GamTerm(plan.Name, [binning], scores, new double[scores.Length], binWeights));
        }
        return new GamModel(info, intercept, terms);
    }

    // The slot value ML.NET would see for a row falling in this bin of our binning.
    private static float SlotValue(MlNetFeaturizer.Slot slot, MlNetFeaturizer.FeaturePlan plan, FeatureBinning binning, int bin) =>
        slot.Kind switch
        {
            MlNetFeaturizer.SlotKind.MissingIndicator => bin == 0 ? 1f : 0f,
            MlNetFeaturizer.SlotKind.LevelIndicator => bin > 0 && bin != binning.UnseenBin && binning.Levels[bin - 1] == slot.Level ? 1f : 0f,
            // A representative value inside the bin: its lower cut (bin 1: anything below the first cut), or the fill value when missing.
            _ => bin == 0 ? (float)plan.FillValue : RepresentativeValue(binning.Cuts, bin),
        };

    private static float RepresentativeValue(double[] cuts, int bin)
    {
        if (cuts.Length == 0) return 0f;
        return bin == 1 ? float.MinValue : (float)cuts[bin - 2];
    }

    /// <summary>
    /// Our continuous bins are [cut, next cut) on the raw double; ML.NET's are (ub[k-1], ub[k]] on the value rounded to
    /// float. For each upper bound the cut is the smallest double whose float rounding lies above it, so both agree
    /// for every input. The last upper bound (the top of the range) is not a cut.
    /// </summary>
    internal static double[] CutsFromUpperBounds(IReadOnlyList<double> upperBounds)
    {
        var cuts = new List<double>();
        for (int k = 0; k < upperBounds.Count - 1; k++)
        {
            double ub = upperBounds[k];
            if (double.IsNaN(ub) || double.IsInfinity(ub)) continue;
            float above = (float)ub;
            if (!((double)above > ub)) above = MathF.BitIncrement(above);
            if (float.IsInfinity(above)) continue;
            float below = MathF.BitDecrement(above);
            double mid = ((double)below + above) / 2; // exact in double
            double cut = (double)(float)mid == above ? mid : Math.BitIncrement(mid);
            if (cuts.Count == 0 || cut > cuts[^1]) cuts.Add(cut);
        }
        return cuts.ToArray();
    }
}
