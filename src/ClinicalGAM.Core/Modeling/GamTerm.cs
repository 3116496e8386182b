namespace ClinicalGAM.Core.Modeling;

/// <summary>
/// One additive term of a GAM: a shape function of one feature (main effect) or a surface over two (interaction).
/// Scores are on the link scale (log-odds for binary outcomes), already centred. Cells are laid out row-major:
/// for a pair, index = bin0 * Binnings[1].BinCount + bin1.
/// </summary>
public sealed class GamTerm
{
    public GamTerm(string name, FeatureBinning[] binnings, double[] scores, double[] standardDeviations,
        double[] binWeights, double[][]? bagScores = null)
    {
        if (binnings.Length is < 1 or > 2) throw new ArgumentException("A term has one or two features.");
        int cells = binnings.Aggregate(1, (n, b) => n * b.BinCount);
        if (scores.Length != cells || standardDeviations.Length != cells || binWeights.Length != cells)
            throw new ArgumentException($"Term '{name}' expects {cells} cells.");
        if (bagScores is not null && bagScores.Any(b => b.Length != cells))
            throw new ArgumentException($"Term '{name}' has a bag with the wrong number of cells.");
        Name = name;
        Binnings = binnings;
        Scores = scores;
        StandardDeviations = standardDeviations;
        BinWeights = binWeights;
        BagScores = bagScores;
    }

    public string Name { get; }
    public FeatureBinning[] Binnings { get; }
    public IEnumerable<string> Features => Binnings.Select(b => b.Feature);
    public bool IsInteraction => Binnings.Length == 2;

    /// <summary>Mean score over bags per cell.</summary>
    public double[] Scores { get; }
    /// <summary>Standard deviation of the score across bags per cell (the error bar); 0 when a single fit.</summary>
    public double[] StandardDeviations { get; }
    /// <summary>Training weight (sample count when unweighted) per cell.</summary>
    public double[] BinWeights { get; }
    /// <summary>Each bag's own centred scores, kept for uncertainty-based diagnostics; null when not available.</summary>
    public double[][]? BagScores { get; }

    public int CellOf(ReadOnlySpan<int> bins) => bins.Length == 1 ? bins[0] : bins[0] * Binnings[1].BinCount + bins[1];

    /// <summary>Term importance as InterpretML defines it: mean absolute score, weighted by training bin weights.</summary>
    public double Importance()
    {
        double num = 0, den = 0;
        for (int i = 0; i < Scores.Length; i++)
        {
            num += BinWeights[i] * Math.Abs(Scores[i]);
            den += BinWeights[i];
        }
        return den > 0 ? num / den : 0;
    }

    /// <summary>Range of the shape function over bins with data (max - min): how far this term can move a patient.</summary>
    public double Range()
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (int i = 0; i < Scores.Length; i++)
        {
            if (BinWeights[i] <= 0) continue;
            lo = Math.Min(lo, Scores[i]);
            hi = Math.Max(hi, Scores[i]);
        }
        return hi >= lo ? hi - lo : 0;
    }
}
