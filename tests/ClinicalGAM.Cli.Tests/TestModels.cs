using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Cli.Tests;

/// <summary>A small hand-made GAM with known scores, so scoring and explaining can be checked exactly.</summary>
internal static class TestModels
{
    public static GamModel HbAndMode()
    {
        var hb = new FeatureBinning { Feature = "hb", Kind = BinningKind.Continuous, Cuts = [7, 9, 11], Min = 4, Max = 16 };
        var mode = new FeatureBinning { Feature = "mode", Kind = BinningKind.Nominal, Levels = ["caesarean", "vaginal"] };
        var age = new FeatureBinning { Feature = "age", Kind = BinningKind.Continuous, Cuts = [35], Min = 15, Max = 49 };
        GamTerm[] terms =
        [
            new("mode", [mode], [0.05, 0.4, -0.2, 0.1], [0, 0.02, 0.01, 0], [0, 300, 700, 0]),
            new("hb", [hb], [0.3, 0.9, 0.5, -0.1, -0.3], [0.1, 0.2, 0.1, 0.05, 0.04], [10, 40, 150, 400, 400]),
            new("age", [age], [0, -0.02, 0.05], [0, 0.01, 0.01], [0, 800, 200]),
        ];
        return new GamModel(new ModelInfo { Engine = "test", Outcome = "smm", Features = ["hb", "mode", "age"] }, -2.5, terms);
    }
}
