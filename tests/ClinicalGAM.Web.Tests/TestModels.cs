using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Web.Tests;

/// <summary>Hand-built terms and cohorts with known numbers, so tests can check exactly what is drawn.</summary>
internal static class TestModels
{
    /// <summary>Hb with cuts 7, 9, 11: bins missing, [min,7), [7,9), [9,11), [11,max); three bags.</summary>
    public static GamTerm Haemoglobin()
    {
        var binning = new FeatureBinning { Feature = "hemoglobin_g_dl", Kind = BinningKind.Continuous, Cuts = [7, 9, 11], Min = 5, Max = 15 };
        double[][] bags = [[0.30, 0.50, 0.10, -0.10, -0.20], [0.10, 0.70, 0.20, -0.20, -0.30], [0.20, 0.60, 0.00, 0.00, -0.10]];
        var scores = Enumerable.Range(0, 5).Select(c => bags.Average(b => b[c])).ToArray();
        var sd = Enumerable.Range(0, 5).Select(c => Math.Sqrt(bags.Sum(b => Math.Pow(b[c] - scores[c], 2)) / 2)).ToArray();
        return new GamTerm("hemoglobin_g_dl", [binning], scores, sd, [40, 10, 200, 500, 250], bags);
    }

    public static GamTerm DeliveryMode()
    {
        var binning = new FeatureBinning { Feature = "delivery_mode", Kind = BinningKind.Nominal, Levels = ["vaginal", "caesarean"] };
        // bins: missing, vaginal, caesarean, unseen
        return new GamTerm("delivery_mode", [binning], [0, -0.2, 0.4, 0], [0, 0.05, 0.08, 0], [0, 700, 300, 0],
            [[0, -0.25, 0.45, 0], [0, -0.15, 0.35, 0]]);
    }

    public static GamTerm AgeByHb()
    {
        var age = new FeatureBinning { Feature = "maternal_age", Kind = BinningKind.Continuous, Cuts = [30], Min = 16, Max = 45 };
        var hb = new FeatureBinning { Feature = "hemoglobin_g_dl", Kind = BinningKind.Continuous, Cuts = [9, 11], Min = 5, Max = 15 };
        int cells = age.BinCount * hb.BinCount; // 3 x 4
        var scores = Enumerable.Range(0, cells).Select(i => i * 0.01).ToArray();
        return new GamTerm("maternal_age x hemoglobin_g_dl", [age, hb], scores, new double[cells], Enumerable.Repeat(10.0, cells).ToArray());
    }

    /// <summary>Four patients: one Hb missing, an identifier, a categorical, and a 0/1 outcome.</summary>
    public static CohortTable SmallCohort() => new([
        new CategoricalColumn("patient_id", [0, 1, 2, 3], ["a", "b", "c", "d"], ColumnKind.Identifier),
        new NumericColumn("hemoglobin_g_dl", [11.2, double.NaN, 9.1, 12.5]),
        new CategoricalColumn("delivery_mode", [0, 1, 1, 0], ["vaginal", "caesarean"]),
        new NumericColumn("smm", [0, 1, 0, 0], ColumnKind.Binary),
    ]);

    /// <summary>A 200-patient cohort whose risk rises as Hb falls, so a split has events on both sides.</summary>
    public static CohortTable Cohort200()
    {
        var rng = new Random(7);
        int n = 200;
        var hb = new double[n];
        var mode = new int[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            hb[i] = i % 17 == 0 ? double.NaN : 6 + 9 * rng.NextDouble();
            mode[i] = rng.Next(2);
            double p = 1 / (1 + Math.Exp(-(-1.5 - 0.4 * ((double.IsNaN(hb[i]) ? 11 : hb[i]) - 11) + 0.8 * mode[i])));
            y[i] = rng.NextDouble() < p ? 1 : 0;
        }
        return new CohortTable([
            new NumericColumn("hemoglobin_g_dl", hb),
            new CategoricalColumn("delivery_mode", mode, ["vaginal", "caesarean"]),
            new NumericColumn("smm", y, ColumnKind.Binary),
        ]);
    }
}
