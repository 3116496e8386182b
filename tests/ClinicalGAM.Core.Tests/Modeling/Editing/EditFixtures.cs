using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Tests.Modeling.Editing;

/// <summary>
/// A bagged model with an SBP shape that drops at 160 (a treatment threshold), a nominal delivery mode and their
/// pair, plus a cohort drawn from that model so metrics have something true to measure.
/// </summary>
internal static class EditFixtures
{
    public static readonly FeatureBinning Sbp = new()
    {
        Feature = "sbp", Kind = BinningKind.Continuous, Cuts = [100, 110, 120, 130, 140, 150, 160, 170, 180, 190], Min = 85, Max = 210,
    };
    public static readonly FeatureBinning Mode = new() { Feature = "mode", Kind = BinningKind.Nominal, Levels = ["vaginal", "caesarean"] };

    // Bins: missing, <100, 100-110, ..., 180-190, >=190 (12 bins). Rising risk with a drop of 0.6 at 160.
    public static readonly double[] SbpScores = [0.1, -0.9, -0.7, -0.5, -0.3, -0.1, 0.1, 0.3, -0.1, 0.1, 0.3, 0.5];
    public static readonly double[] SbpWeights = [40, 300, 900, 1500, 1800, 1500, 1100, 700, 400, 200, 90, 30];

    public static GamModel Model(int bags = 3)
    {
        var rng = new Random(5);
        GamTerm Term(string name, FeatureBinning[] binnings, double[] scores, double[] weights)
        {
            var bagScores = Enumerable.Range(0, bags).Select(_ => scores.Select(s => s + 0.05 * (rng.NextDouble() - 0.5)).ToArray()).ToArray();
            var mean = Enumerable.Range(0, scores.Length).Select(c => bagScores.Average(b => b[c])).ToArray();
            var sd = Enumerable.Range(0, scores.Length).Select(c => Math.Sqrt(bagScores.Sum(b => Math.Pow(b[c] - mean[c], 2)) / Math.Max(1, bags - 1))).ToArray();
            return new GamTerm(name, binnings, mean, sd, weights, bagScores);
        }
        var pairCells = Sbp.BinCount * Mode.BinCount;
        var terms = new List<GamTerm>
        {
            Term("sbp", [Sbp], SbpScores, SbpWeights),
            Term("mode", [Mode], [0.0, -0.2, 0.5, 0.0], [10, 6000, 2500, 0]),
            Term("sbp x mode", [Sbp, Mode], Enumerable.Range(0, pairCells).Select(c => 0.03 * ((c * 5) % 7 - 3)).ToArray(),
                Enumerable.Range(0, pairCells).Select(c => (double)(c % 4 == 3 ? 0 : 50 + c)).ToArray()),
        };
        var info = new ModelInfo { Engine = "ebm", Outcome = "smm", Features = ["sbp", "mode"], TrainingRows = 8560, Seed = 3 };
        return new GamModel(info, -2.5, terms, Enumerable.Range(0, bags).Select(_ => -2.5).ToArray());
    }

    /// <summary>Patients whose outcome is drawn from the model itself (so the fitted model is well calibrated on them).</summary>
    public static (CohortTable Table, double[] Labels) Cohort(GamModel model, int rows, int seed)
    {
        var rng = new Random(seed);
        var sbp = new double[rows];
        var mode = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            sbp[i] = rng.NextDouble() < 0.01 ? double.NaN : Math.Round(125 + 20 * Normal(rng));
            mode[i] = rng.NextDouble() < 0.3 ? 1 : 0;
        }
        var table = new CohortTable([new NumericColumn("sbp", sbp), new CategoricalColumn("mode", mode, ["vaginal", "caesarean"])]);
        var p = model.Predict(table);
        var labels = p.Select(q => rng.NextDouble() < q ? 1.0 : 0.0).ToArray();
        return (table, labels);
    }

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
