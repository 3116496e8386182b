namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// One outer bag's rows: labels, weights and running scores for its training and validation parts. Indices refer to
/// positions in the fit's training rows. Labels and weights are single precision: the boosting passes over them are
/// memory-bound on large cohorts, and float halves the bytes moved (histogram sums stay double).
/// </summary>
internal sealed class BagSample
{
    public required int[] TrainIndex { get; init; }
    public required int[] ValidationIndex { get; init; }
    public required float[] TrainLabels { get; init; }
    public required float[] ValidationLabels { get; init; }
    /// <summary>Empty when the fit is unweighted.</summary>
    public required float[] TrainWeights { get; init; }
    public required float[] ValidationWeights { get; init; }
    public required double InitialScore { get; init; }

    public static BagSample Create(int bag, int seed, double[] labels, double[] weights, double validationSize,
        bool stratify, LossFunction loss)
    {
        var rng = new SplitMixRandom(seed, 1000 + bag);
        var train = new List<int>(labels.Length);
        var validation = new List<int>();
        if (validationSize > 0)
        {
            // Stratified: each outcome class is split in the same proportion, so rare outcomes reach every bag.
            var groups = stratify
                ? Enumerable.Range(0, labels.Length).GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(g => g.ToArray())
                : [Enumerable.Range(0, labels.Length).ToArray()];
            foreach (var group in groups)
            {
                rng.Shuffle(group);
                int nv = (int)Math.Round(group.Length * validationSize);
                if (nv >= group.Length) nv = group.Length - 1;
                validation.AddRange(group.AsSpan(0, nv).ToArray());
                train.AddRange(group.AsSpan(nv).ToArray());
            }
        }
        else train.AddRange(Enumerable.Range(0, labels.Length));
        train.Sort();
        validation.Sort();
        var ti = train.ToArray();
        var vi = validation.ToArray();
        // The starting score is computed in double from the original values.
        var ty = ti.Select(i => labels[i]).ToArray();
        var tw = weights.Length == 0 ? [] : ti.Select(i => weights[i]).ToArray();
        return new BagSample
        {
            TrainIndex = ti,
            ValidationIndex = vi,
            TrainLabels = ToSingle(ty),
            ValidationLabels = vi.Select(i => (float)labels[i]).ToArray(),
            TrainWeights = ToSingle(tw),
            ValidationWeights = weights.Length == 0 ? [] : vi.Select(i => (float)weights[i]).ToArray(),
            InitialScore = loss.InitialScore(ty, tw),
        };
    }

    private static float[] ToSingle(double[] values)
    {
        var result = new float[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = (float)values[i];
        return result;
    }

    public static ushort[] Gather(ushort[] source, int[] index)
    {
        var result = new ushort[index.Length];
        for (int i = 0; i < index.Length; i++) result[i] = source[index[i]];
        return result;
    }
}
