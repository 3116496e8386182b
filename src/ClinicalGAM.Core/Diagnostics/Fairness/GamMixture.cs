using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Diagnostics.Fairness;

/// <summary>
/// A randomised classifier: member GAMs with weights summing to 1 (pick member j with probability wⱼ for each patient,
/// flag if its score is at or above 0). Its expected score, Σ wⱼ ηⱼ(x), is itself a GAM: each shape function is the
/// weighted average of the members' shapes for that feature, so the fair model stays a glass box that can be plotted
/// and edited like any other. Members must share binnings (same features and training rows; binning ignores weights).
/// </summary>
public sealed class GamMixture
{
    public GamMixture(IReadOnlyList<GamModel> members, IReadOnlyList<double> weights)
    {
        if (members.Count == 0 || members.Count != weights.Count) throw new ArgumentException("One weight per member is needed.");
        double total = weights.Sum();
        Members = members;
        Weights = weights.Select(w => w / total).ToArray();
    }

    public IReadOnlyList<GamModel> Members { get; }
    public IReadOnlyList<double> Weights { get; }

    /// <summary>Probability that the randomised classifier flags each row: Σ wⱼ·[ηⱼ(x) ≥ 0].</summary>
    public double[] FlagProbability(CohortTable cohort, CancellationToken ct = default)
    {
        var p = new double[cohort.RowCount];
        for (int j = 0; j < Members.Count; j++)
        {
            var eta = Members[j].LinearPredictor(cohort, ct);
            for (int i = 0; i < p.Length; i++) if (eta[i] >= 0) p[i] += Weights[j];
        }
        return p;
    }

    /// <summary>
    /// The expected score as one GAM: averaged shapes and intercept, plus <paramref name="interceptShift"/> (members
    /// scored on a cost-weighted scale are moved back to the risk scale by it). With <paramref name="scales"/>, member j
    /// enters as scales[j]·ηⱼ (a positive scale keeps its decision boundary at 0 and keeps the sum a GAM). Bin weights
    /// are the training rows' counts.
    /// </summary>
    public GamModel ExpectedGam(CohortTable cohort, int[] trainRows, double interceptShift, IReadOnlyList<double>? scales = null)
    {
        double W(int j) => Weights[j] * (scales?[j] ?? 1);
        var names = Members.SelectMany(m => m.Terms.Select(t => t.Name)).Distinct().ToList();
        var terms = new List<GamTerm>();
        foreach (var name in names)
        {
            var first = Members.Select(m => m.Term(name)).First(t => t is not null)!;
            int cells = first.Scores.Length;
            var scores = new double[cells];
            var sd = new double[cells];
            for (int j = 0; j < Members.Count; j++)
            {
                var t = Members[j].Term(name);
                if (t is null) continue;
                if (!t.Binnings.SequenceEqual(first.Binnings, BinningComparer.Instance))
                    throw new InvalidOperationException($"Members bin '{name}' differently; their shapes cannot be averaged.");
                for (int c = 0; c < cells; c++) { scores[c] += W(j) * t.Scores[c]; sd[c] += W(j) * t.StandardDeviations[c]; }
            }
            terms.Add(new GamTerm(name, first.Binnings, scores, sd, TrainingCounts(first, cohort, trainRows)));
        }
        double intercept = interceptShift + Members.Select((m, j) => W(j) * m.Intercept).Sum();
        var info = Members[0].Info with { Engine = $"{Members[0].Info.Engine} (mixture of {Members.Count})", WeightColumn = null };
        return new GamModel(info, intercept, terms, null);
    }

    private static double[] TrainingCounts(GamTerm term, CohortTable cohort, int[] trainRows)
    {
        var counts = new double[term.Scores.Length];
        var dims = term.Binnings.Select(b => GamModel.BinColumn(b, cohort)).ToArray();
        Span<int> bins = stackalloc int[dims.Length];
        foreach (int r in trainRows)
        {
            for (int d = 0; d < dims.Length; d++) bins[d] = dims[d][r];
            counts[term.CellOf(bins)]++;
        }
        return counts;
    }

    /// <summary>Binnings compare by value (the record's arrays compare by reference).</summary>
    private sealed class BinningComparer : IEqualityComparer<FeatureBinning>
    {
        public static readonly BinningComparer Instance = new();
        public bool Equals(FeatureBinning? a, FeatureBinning? b) => a is not null && b is not null && a.Feature == b.Feature
            && a.Kind == b.Kind && a.Cuts.SequenceEqual(b.Cuts) && a.Levels.SequenceEqual(b.Levels);
        public int GetHashCode(FeatureBinning b) => b.Feature.GetHashCode();
    }
}
