using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Tests.MlNet;

/// <summary>A small simulated cohort with a known additive truth: U-shaped age, a step in Hb, a categorical, missing values.</summary>
internal static class SmallCohort
{
    public static readonly string[] Features = ["age", "hb", "mode"];

    public static CohortTable Create(int rows = 800, int seed = 7)
    {
        var rng = new Random(seed);
        var age = new double[rows];
        var hb = new double[rows];
        var mode = new int[rows];
        var y = new double[rows];
        var length = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            age[i] = Math.Round(18 + 27 * rng.NextDouble(), 1);
            hb[i] = rng.NextDouble() < 0.1 ? double.NaN : Math.Round(6 + 8 * rng.NextDouble(), 2);
            mode[i] = rng.NextDouble() < 0.05 ? -1 : rng.Next(3);
            double eta = -1.5 + 0.012 * (age[i] - 31) * (age[i] - 31)
                         + (double.IsNaN(hb[i]) ? 0.8 : hb[i] < 9 ? 1.2 : 0)
                         + (mode[i] == 2 ? 1.0 : mode[i] == 1 ? -0.5 : 0);
            y[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-eta)) ? 1 : 0;
            length[i] = 3 + eta + rng.NextDouble();
        }
        return new CohortTable(
        [
            new NumericColumn("smm", y, ColumnKind.Binary),
            new NumericColumn("length_of_stay", length),
            new NumericColumn("age", age),
            new NumericColumn("hb", hb),
            new CategoricalColumn("mode", mode, ["vaginal", "assisted", "caesarean"]),
        ]);
    }

    /// <summary>Every other row trains; the rest are held out.</summary>
    public static int[] TrainingRows(CohortTable cohort) => Enumerable.Range(0, cohort.RowCount).Where(i => i % 2 == 0).ToArray();
    public static int[] TestRows(CohortTable cohort) => Enumerable.Range(0, cohort.RowCount).Where(i => i % 2 == 1).ToArray();
}
