using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Diagnostics.Fairness;

/// <summary>
/// Takes a sensitive attribute out of a fitted GAM without refitting. Its main term goes; each pair it is in is
/// collapsed onto the other feature by averaging over the attribute, so the other feature keeps what the pair shared
/// with it and scores no longer depend on the attribute at all.
/// </summary>
public static class AttributeRemoval
{
    /// <summary>
    /// Train then clean: averages over the attribute with the training cell weights (the purification weights), drops
    /// the main term and re-centres the intercept later (see FairnessComparison). The attribute column is no longer read.
    /// </summary>
    public static GamModel Clean(GamModel model, string attribute) => Collapse(model, attribute, null, 0);

    /// <summary>
    /// Test-time blinding: the attribute's contribution becomes its average over the scoring population (its
    /// distribution in <paramref name="population"/>), for the main term and inside each pair.
    /// </summary>
    public static GamModel Blind(GamModel model, string attribute, CohortTable population)
    {
        var main = model.Terms.FirstOrDefault(t => !t.IsInteraction && t.Features.First() == attribute);
        double shift = 0;
        if (main is not null)
        {
            var share = Shares(main.Binnings[0], population);
            for (int c = 0; c < main.Scores.Length; c++) shift += share[c] * main.Scores[c];
        }
        return Collapse(model, attribute, population, shift);
    }

    private static GamModel Collapse(GamModel model, string attribute, CohortTable? population, double interceptShift)
    {
        var terms = new List<GamTerm>();
        foreach (var term in model.Terms)
        {
            if (!term.Features.Contains(attribute)) { terms.Add(term); continue; }
            if (!term.IsInteraction) continue;
            int a = term.Binnings[0].Feature == attribute ? 0 : 1, o = 1 - a;
            int na = term.Binnings[a].BinCount, no = term.Binnings[o].BinCount;
            var attributeShare = population is null ? null : Shares(term.Binnings[a], population);
            var scores = new double[no];
            var weights = new double[no];
            for (int j = 0; j < no; j++)
            {
                double num = 0, den = 0;
                for (int i = 0; i < na; i++)
                {
                    int cell = a == 0 ? i * no + j : j * na + i;
                    double w = attributeShare is null ? term.BinWeights[cell] : attributeShare[i];
                    num += w * term.Scores[cell]; den += w;
                    weights[j] += term.BinWeights[cell];
                }
                scores[j] = den > 0 ? num / den : 0;
            }
            terms.Add(new GamTerm($"{term.Binnings[o].Feature} (shared with {attribute})", [term.Binnings[o]], scores, new double[no], weights));
        }
        var info = model.Info with { Features = model.Info.Features.Where(f => f != attribute).ToArray() };
        return new GamModel(info, model.Intercept + interceptShift, terms, null);
    }

    /// <summary>Share of the population in each bin of the attribute, as this binning cuts it (main and pair binnings differ).</summary>
    private static double[] Shares(FeatureBinning binning, CohortTable population)
    {
        var bins = GamModel.BinColumn(binning, population);
        var share = new double[binning.BinCount];
        foreach (int b in bins) share[b] += 1.0 / bins.Length;
        return share;
    }
}
