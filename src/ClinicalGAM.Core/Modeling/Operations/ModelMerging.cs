namespace ClinicalGAM.Core.Modeling.Operations;

public enum MergeMode
{
    /// <summary>Each model counts equally: scores and intercepts are averaged over models.</summary>
    AverageModels,
    /// <summary>Each bag counts equally: the merged model is the mean over the union of all models' bags.</summary>
    UnionOfBags,
}

/// <summary>
/// Merges models fitted to the same features with identical binnings (e.g. the same specification on several sites
/// or seeds). Models with different cuts are refused: re-binning shape functions would change what they say.
/// </summary>
public static class ModelMerging
{
    public static GamModel Merge(this IReadOnlyList<GamModel> models, MergeMode mode = MergeMode.AverageModels)
    {
        if (models.Count == 0) throw new ArgumentException("Nothing to merge.", nameof(models));
        var first = models[0];
        foreach (var other in models.Skip(1)) RequireSameStructure(first, other);
        bool allBagged = models.All(m => m.BagIntercepts is not null && m.Terms.All(t => t.BagScores is not null));
        if (mode == MergeMode.UnionOfBags && !allBagged)
            throw new ArgumentException("Merging by bags needs every model to carry its bag scores and bag intercepts.", nameof(mode));

        // AverageModels: each model weighs 1 (UnionOfBags recomputes everything from the bags below).
        double[] modelWeight = models.Select(_ => 1.0).ToArray();
        double totalWeight = modelWeight.Sum();

        double[]? bagIntercepts = allBagged ? models.SelectMany(m => m.BagIntercepts!).ToArray() : null;
        double intercept = 0;
        if (mode == MergeMode.UnionOfBags) intercept = bagIntercepts!.Average();
        else
        {
            for (int m = 0; m < models.Count; m++) intercept += modelWeight[m] * models[m].Intercept;
            intercept /= totalWeight;
        }

        var terms = new List<GamTerm>();
        foreach (var term in first.Terms)
        {
            var parts = models.Select(m => m.Term(term.Name)!).ToArray();
            int cells = term.Scores.Length;
            var scores = new double[cells];
            var weights = new double[cells];
            for (int m = 0; m < parts.Length; m++)
                for (int c = 0; c < cells; c++)
                {
                    scores[c] += modelWeight[m] * parts[m].Scores[c] / totalWeight;
                    weights[c] += parts[m].BinWeights[c];
                }

            double[][]? bags = allBagged ? parts.SelectMany(p => p.BagScores!).ToArray() : null;
            if (mode == MergeMode.UnionOfBags)
                for (int c = 0; c < cells; c++) scores[c] = bags!.Average(b => b[c]);
            var sds = new double[cells];
            for (int c = 0; c < cells; c++)
            {
                if (bags is not null)
                {
                    double mean = 0, ss = 0;
                    foreach (var b in bags) mean += b[c];
                    mean /= bags.Length;
                    foreach (var b in bags) ss += (b[c] - mean) * (b[c] - mean);
                    sds[c] = bags.Length > 1 ? Math.Sqrt(ss / (bags.Length - 1)) : 0;
                }
                else
                {
                    // Without bags: pooled variance of the models' own error bars plus the spread between models.
                    double within = 0, mean = scores[c], between = 0;
                    for (int m = 0; m < parts.Length; m++)
                    {
                        within += modelWeight[m] * parts[m].StandardDeviations[c] * parts[m].StandardDeviations[c];
                        between += modelWeight[m] * (parts[m].Scores[c] - mean) * (parts[m].Scores[c] - mean);
                    }
                    sds[c] = Math.Sqrt((within + between) / totalWeight);
                }
            }
            // Centred per model on its own data; re-centre on the pooled bin weights.
            var (centred, shift, bagShifts) = Centring.Centre(new GamTerm(term.Name, term.Binnings, scores, sds, weights, bags));
            intercept += shift;
            if (bagIntercepts is not null && bagShifts is not null)
                for (int b = 0; b < bagIntercepts.Length; b++) bagIntercepts[b] += bagShifts[b];
            terms.Add(centred);
        }

        var info = first.Info with
        {
            Engine = string.Join("+", models.Select(m => m.Info.Engine).Distinct()),
            TrainingRows = models.Sum(m => m.Info.TrainingRows),
            FitSeconds = models.Sum(m => m.Info.FitSeconds),
            CreatedUtc = DateTimeOffset.UtcNow,
            Settings = new Dictionary<string, string>(first.Info.Settings) { ["merged_models"] = models.Count.ToString(), ["merge_mode"] = mode.ToString() },
        };
        return new GamModel(info, intercept, terms, bagIntercepts);
    }

    private static void RequireSameStructure(GamModel a, GamModel b)
    {
        if (a.Info.Objective != b.Info.Objective)
            throw new ArgumentException($"Cannot merge a {a.Info.Objective} model with a {b.Info.Objective} model.");
        var namesA = a.Terms.Select(t => t.Name).Order(StringComparer.Ordinal);
        var namesB = b.Terms.Select(t => t.Name).Order(StringComparer.Ordinal);
        if (!namesA.SequenceEqual(namesB))
            throw new ArgumentException("Models to merge must have the same terms.");
        foreach (var term in a.Terms)
        {
            var other = b.Term(term.Name)!;
            if (term.Binnings.Length != other.Binnings.Length ||
                term.Binnings.Zip(other.Binnings).Any(p => !SameBinning(p.First, p.Second)))
                throw new ArgumentException($"Term '{term.Name}' is binned differently in the models to merge; merging needs identical binnings.");
        }
    }

    private static bool SameBinning(FeatureBinning x, FeatureBinning y) =>
        x.Feature == y.Feature && x.Kind == y.Kind && x.Cuts.SequenceEqual(y.Cuts) && x.Levels.SequenceEqual(y.Levels);
}
