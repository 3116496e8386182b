namespace ClinicalGAM.Core.Modeling.Operations;

/// <summary>Re-centres a term by its bin-weighted mean (overall and per bag); the shifts belong in the intercepts.</summary>
internal static class Centring
{
    public static double WeightedMean(double[] scores, double[] weights)
    {
        double num = 0, den = 0;
        for (int i = 0; i < scores.Length; i++) { num += weights[i] * scores[i]; den += weights[i]; }
        return den > 0 ? num / den : 0;
    }

    /// <summary>Returns the centred term, the shift of its mean score, and each bag's shift (null without bags).</summary>
    public static (GamTerm Term, double Shift, double[]? BagShifts) Centre(GamTerm term)
    {
        double shift = WeightedMean(term.Scores, term.BinWeights);
        var scores = term.Scores.Select(s => s - shift).ToArray();
        double[]? bagShifts = null;
        double[][]? bags = null;
        if (term.BagScores is { } bagScores)
        {
            bagShifts = bagScores.Select(b => WeightedMean(b, term.BinWeights)).ToArray();
            bags = bagScores.Select((b, k) => b.Select(s => s - bagShifts[k]).ToArray()).ToArray();
        }
        return (new GamTerm(term.Name, term.Binnings, scores, term.StandardDeviations, term.BinWeights, bags), shift, bagShifts);
    }
}
