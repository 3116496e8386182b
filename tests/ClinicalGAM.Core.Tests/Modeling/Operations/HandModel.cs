using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Tests.Operations;

/// <summary>A small hand-written bagged model: age (cuts 25, 35), delivery mode (2 levels) and their pair, 3 bags.</summary>
internal static class HandModel
{
    public static readonly FeatureBinning Age = new() { Feature = "age", Kind = BinningKind.Continuous, Cuts = [25, 35], Min = 16, Max = 48 };
    public static readonly FeatureBinning Mode = new() { Feature = "mode", Kind = BinningKind.Nominal, Levels = ["vaginal", "caesarean"] };

    public static GamModel Create()
    {
        // Bins: age (missing, <25, 25-35, >=35); mode (missing, vaginal, caesarean, unseen).
        var ageBags = new[]
        {
            new[] { 0.2, 0.5, -0.3, 0.4 }, new[] { 0.0, 0.7, -0.5, 0.6 }, new[] { 0.1, 0.3, -0.4, 0.5 },
        };
        var modeBags = new[] { new[] { 0.0, -0.2, 0.6, 0.0 }, new[] { 0.1, -0.3, 0.5, 0.1 }, new[] { -0.1, -0.1, 0.7, -0.1 } };
        var pairBags = Enumerable.Range(0, 3).Select(b => Enumerable.Range(0, 16).Select(c => 0.01 * ((c * 7 + b * 3) % 11 - 5)).ToArray()).ToArray();
        var terms = new List<GamTerm>
        {
            Term("age", [Age], ageBags, [5, 30, 50, 20]),
            Term("mode", [Mode], modeBags, [2, 70, 30, 0]),
            Term("age x mode", [Age, Mode], pairBags, Enumerable.Range(0, 16).Select(c => (double)(c % 5 + 1)).ToArray()),
        };
        var info = new ModelInfo { Engine = "ebm", Outcome = "smm", Features = ["age", "mode"], TrainingRows = 105 };
        return new GamModel(info, -2.0, terms, [-2.1, -1.9, -2.0]);
    }

    private static GamTerm Term(string name, FeatureBinning[] binnings, double[][] bags, double[] weights)
    {
        int cells = bags[0].Length;
        var mean = new double[cells];
        var sd = new double[cells];
        for (int c = 0; c < cells; c++)
        {
            mean[c] = bags.Average(b => b[c]);
            sd[c] = Math.Sqrt(bags.Sum(b => (b[c] - mean[c]) * (b[c] - mean[c])) / (bags.Length - 1));
        }
        return new GamTerm(name, binnings, mean, sd, weights, bags);
    }

    public static CohortTable Patients() => new(
    [
        new NumericColumn("age", [20, 30, 40, double.NaN, 25, 35]),
        new CategoricalColumn("mode", [0, 1, 1, -1, 0, 2], ["vaginal", "caesarean", "breech 'extraction'"]),
    ]);
}
