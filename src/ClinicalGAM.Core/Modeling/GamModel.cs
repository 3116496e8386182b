using ClinicalGAM.Core.Computing;
using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Modeling;

/// <summary>
/// A fitted generalised additive model: intercept + one score per term, on the link scale. Immutable; operations
/// (remove, scale, merge, monotonize) return new models. Persistence and plotting live elsewhere.
/// </summary>
public sealed class GamModel : IRiskScorer
{
    public GamModel(ModelInfo info, double intercept, IReadOnlyList<GamTerm> terms, double[]? bagIntercepts = null)
    {
        Info = info;
        Intercept = intercept;
        Terms = terms;
        BagIntercepts = bagIntercepts;
    }

    public ModelInfo Info { get; }
    public double Intercept { get; }
    public IReadOnlyList<GamTerm> Terms { get; }
    /// <summary>Each bag's intercept (pairs with GamTerm.BagScores); null when not available.</summary>
    public double[]? BagIntercepts { get; }

    /// <summary>
    /// The same model remembering the derived features its features need (in order, with what they depend on), so
    /// scoring new data can recompute them. Unused definitions are dropped.
    /// </summary>
    public GamModel WithDerivedFeatures(IEnumerable<Data.Derived.DerivedFeature> derived) =>
        new(Info with { DerivedFeatures = Data.Derived.DerivedFeatureEvaluator.Required(derived, Info.Features) },
            Intercept, Terms, BagIntercepts);

    /// <summary>The same model with other information (e.g. the fit's diagnostics attached).</summary>
    public GamModel WithInfo(ModelInfo info) => new(info, Intercept, Terms, BagIntercepts);

    public GamTerm? Term(string name) => Terms.FirstOrDefault(t => t.Name == name);

    /// <summary>Terms ordered by importance, largest first.</summary>
    public IEnumerable<GamTerm> RankedTerms() => Terms.OrderByDescending(t => t.Importance()).ThenBy(t => t.Name, StringComparer.Ordinal);

    /// <summary>The bin (or cell) each row falls in, per term: [term][row].</summary>
    public int[][] CellIndices(CohortTable cohort, CancellationToken cancellationToken = default)
    {
        foreach (var feature in Terms.SelectMany(t => t.Features).Distinct())
            if (!cohort.Contains(feature))
                throw new CohortFormatException($"The data have no column '{feature}', which the model uses.", column: feature);
        var result = new int[Terms.Count][];
        BoundedParallel.For(Terms.Count, cancellationToken, t =>
        {
            var term = Terms[t];
            var perDim = new int[term.Binnings.Length][];
            for (int d = 0; d < perDim.Length; d++) perDim[d] = BinColumn(term.Binnings[d], cohort);
            var cells = new int[cohort.RowCount];
            if (perDim.Length == 1) cells = perDim[0];
            else
            {
                int stride = term.Binnings[1].BinCount;
                for (int i = 0; i < cells.Length; i++) cells[i] = perDim[0][i] * stride + perDim[1][i];
            }
            result[t] = cells;
        });
        return result;
    }

    /// <summary>Per-term contributions [term][row]; intercept + sum over terms = link-scale score.</summary>
    public double[][] Contributions(CohortTable cohort, CancellationToken cancellationToken = default)
    {
        var cells = CellIndices(cohort, cancellationToken);
        var result = new double[Terms.Count][];
        for (int t = 0; t < Terms.Count; t++)
        {
            var scores = Terms[t].Scores;
            var c = cells[t];
            var r = new double[c.Length];
            for (int i = 0; i < r.Length; i++) r[i] = scores[c[i]];
            result[t] = r;
        }
        return result;
    }

    /// <summary>Link-scale score per row (log-odds for binary outcomes).</summary>
    public double[] LinearPredictor(CohortTable cohort, CancellationToken cancellationToken = default)
    {
        var contributions = Contributions(cohort, cancellationToken);
        var eta = new double[cohort.RowCount];
        Array.Fill(eta, Intercept);
        foreach (var c in contributions)
            for (int i = 0; i < eta.Length; i++) eta[i] += c[i];
        return eta;
    }

    public double[] Predict(CohortTable cohort, CancellationToken cancellationToken = default)
    {
        var eta = LinearPredictor(cohort, cancellationToken);
        for (int i = 0; i < eta.Length; i++) eta[i] = ObjectiveLink.Inverse(Info.Objective, eta[i]);
        return eta;
    }

    /// <summary>
    /// Maps a cohort column to bins of a feature. A column the cohort lacks is an error, not "all missing": scoring
    /// patients as if a measurement were never taken would silently change their risk.
    /// </summary>
    public static int[] BinColumn(FeatureBinning binning, CohortTable cohort)
    {
        var bins = new int[cohort.RowCount];
        switch (cohort.Find(binning.Feature))
        {
            case null:
                throw new CohortFormatException(
                    $"The data have no column '{binning.Feature}', which the model uses.", column: binning.Feature);
            case NumericColumn num:
                for (int i = 0; i < bins.Length; i++) bins[i] = binning.BinOf(num[i]);
                break;
            case CategoricalColumn cat:
                var levelBins = new int[cat.Levels.Count];
                for (int l = 0; l < levelBins.Length; l++) levelBins[l] = binning.BinOf(cat.Levels[l]);
                for (int i = 0; i < bins.Length; i++) bins[i] = cat[i] < 0 ? 0 : levelBins[cat[i]];
                break;
        }
        return bins;
    }
}
