using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Storage.Tests;

/// <summary>Small cohorts with every kind of column and every awkward value the store must keep.</summary>
public static class SampleCohorts
{
    public static CohortTable Mixed(int rows, int seed = 7)
    {
        var rng = new Random(seed);
        var hb = new double[rows];
        var sbp = new double[rows];
        var smm = new double[rows];
        var year = new double[rows];
        var mode = new int[rows];
        var ids = new int[rows];
        var idLevels = new string[rows];
        var previa = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            hb[i] = rng.NextDouble() < 0.1 ? double.NaN : Math.Round(6 + rng.NextDouble() * 9, 1);
            sbp[i] = i % 97 == 0 ? double.NaN : 90 + rng.Next(100) + rng.NextDouble();
            smm[i] = rng.NextDouble() < 0.06 ? 1 : 0;
            year[i] = 2012 + rng.Next(12);
            mode[i] = rng.NextDouble() < 0.05 ? -1 : rng.Next(3);
            ids[i] = i;
            idLevels[i] = $"P{i:D7}";
            previa[i] = rng.NextDouble() < 0.02 ? -1 : rng.Next(2);
        }
        // Values a naive encoder would lose: negative zero, infinities, extremes, a NaN with a payload.
        if (rows >= 6)
        {
            sbp[1] = -0.0;
            sbp[2] = double.PositiveInfinity;
            sbp[3] = double.NegativeInfinity;
            sbp[4] = double.Epsilon;
            sbp[5] = BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_0000_DEAD_BEEF));
        }
        return new CohortTable(
        [
            new CategoricalColumn("patient_id", ids, idLevels, ColumnKind.Identifier),
            new NumericColumn("hemoglobin_g_dl", hb),
            new NumericColumn("systolic_bp", sbp),
            new NumericColumn("delivery_year", year, ColumnKind.Date),
            new CategoricalColumn("delivery_mode", mode, ["vaginal", "cesarean", "assisted — forceps/vacuum"]),
            new CategoricalColumn("placenta_previa", previa, ["no", "yes"], ColumnKind.Binary),
            new NumericColumn("smm", smm, ColumnKind.Binary),
        ]);
    }
}
