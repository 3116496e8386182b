using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Reporting.Tests;

/// <summary>A small hand-made GAM (continuous, categorical and interaction terms) and a cohort it can score.</summary>
internal static class TestModels
{
    public static readonly FeatureBinning Hb = new() { Feature = "hb", Kind = BinningKind.Continuous, Cuts = [7, 9, 11], Min = 4, Max = 16 };
    public static readonly FeatureBinning Mode = new() { Feature = "mode", Kind = BinningKind.Nominal, Levels = ["caesarean", "vaginal"] };

    public static GamModel Model(string modeName = "mode")
    {
        var mode = Mode with { Feature = modeName };
        GamTerm[] terms =
        [
            new("hb", [Hb], [0.3, 0.9, 0.5, -0.1, -0.3], [0.1, 0.2, 0.1, 0.05, 0.04], [10, 40, 150, 400, 400]),
            new(modeName, [mode], [0.05, 0.4, -0.2, 0.1], [0, 0.02, 0.01, 0], [0, 300, 700, 0]),
            // hb (5 bins) x mode (4 bins) = 20 cells; small surface, weights only where data exist.
            new($"hb & {modeName}", [Hb, mode],
                Enumerable.Range(0, 20).Select(i => 0.01 * (i % 7) - 0.03).ToArray(),
                Enumerable.Repeat(0.01, 20).ToArray(),
                Enumerable.Range(0, 20).Select(i => i / 4 > 0 && i % 4 is 1 or 2 ? 50.0 : 0).ToArray()),
        ];
        return new GamModel(new ModelInfo
        {
            Engine = "ebm", Outcome = "smm", Features = ["hb", modeName], Seed = 7, TrainingRows = 800,
            Settings = new() { ["outer_bags"] = "3", ["learning_rate"] = "0.015" },
        }, -2.0, terms, [-2.0, -2.1, -1.9]);
    }

    /// <summary>Rows with hb, mode and an outcome drawn from the model's own risk (seeded), some hb missing.</summary>
    public static CohortTable Cohort(GamModel model, int rows, int seed, string modeName = "mode")
    {
        var random = new Random(seed);
        var hb = new double[rows];
        var codes = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            hb[i] = i % 17 == 0 ? double.NaN : 4 + 12 * random.NextDouble();
            codes[i] = random.Next(2);
        }
        var features = new CohortTable([new NumericColumn("hb", hb), new CategoricalColumn(modeName, codes, ["caesarean", "vaginal"])]);
        var risk = model.Predict(features);
        var y = risk.Select(p => random.NextDouble() < p ? 1.0 : 0.0).ToArray();
        var year = Enumerable.Range(0, rows).Select(i => 2012.0 + i % 12).ToArray();
        return new CohortTable([.. features.Columns, new NumericColumn("smm", y, ColumnKind.Binary), new NumericColumn("delivery_year", year, ColumnKind.Date)]);
    }
}
