namespace ClinicalGAM.Core.Data;

/// <summary>Row indices of each part of a split, ascending. Validation is empty for a two-way split.</summary>
public sealed record DataSplit(int[] Train, int[] Test)
{
    public int[] Validation { get; init; } = [];
}

/// <summary>
/// Splits rows so each part keeps the outcome's prevalence (stratified on the label), reproducibly from a seed.
/// Rows with a missing label (NaN) go to no part: they cannot be fitted or evaluated.
/// </summary>
public static class CohortSplit
{
    public static DataSplit Stratified(double[] labels, double testFraction, int seed)
    {
        var parts = Split(labels, [testFraction], seed);
        return new DataSplit(parts[0], parts[1]);
    }

    /// <summary>Train/validation/test: validation for early stopping or tuning, test untouched until the end.</summary>
    public static DataSplit Stratified(double[] labels, double validationFraction, double testFraction, int seed)
    {
        var parts = Split(labels, [testFraction, validationFraction], seed);
        return new DataSplit(parts[0], parts[1]) { Validation = parts[2] };
    }

    /// <summary>parts[0] = remaining (train), parts[k] = fraction k-1 of each stratum.</summary>
    private static int[][] Split(double[] labels, double[] fractions, int seed)
    {
        foreach (double f in fractions)
            if (f is < 0 or >= 1 || double.IsNaN(f)) throw new ArgumentOutOfRangeException(nameof(fractions), f, "A fraction must be in [0, 1).");
        if (fractions.Sum() >= 1) throw new ArgumentException("The held-out fractions must leave rows to train on.");

        var random = new SeededRandom(seed, stream: 7);
        var parts = Enumerable.Range(0, fractions.Length + 1).Select(_ => new List<int>()).ToArray();
        foreach (var stratum in Strata(labels))
        {
            var rows = stratum.ToArray();
            random.Shuffle(rows.AsSpan());
            int start = 0;
            for (int k = 0; k < fractions.Length; k++)
            {
                int take = (int)Math.Round(rows.Length * fractions[k], MidpointRounding.AwayFromZero);
                take = Math.Min(take, rows.Length - start);
                parts[k + 1].AddRange(rows.AsSpan(start, take));
                start += take;
            }
            parts[0].AddRange(rows.AsSpan(start));
        }
        return parts.Select(p => { var a = p.ToArray(); Array.Sort(a); return a; }).ToArray();
    }

    private static IEnumerable<List<int>> Strata(double[] labels)
    {
        var byLabel = new SortedDictionary<double, List<int>>();
        for (int i = 0; i < labels.Length; i++)
        {
            if (double.IsNaN(labels[i])) continue;
            if (!byLabel.TryGetValue(labels[i], out var rows)) byLabel[labels[i]] = rows = [];
            rows.Add(i);
        }
        return byLabel.Values;
    }
}
