using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Tests.Modeling.Ebm;

/// <summary>Small cohorts with known shape functions, built in code so tests need no files.</summary>
internal static class SimulatedCohort
{
    /// <summary>
    /// Binary outcome with logit = -1 + 1.5*age_z (linear) + (hb_z)^2 - 1 (U) + 1.0*[sbp >= 140] (step)
    /// + ward effect; lactate missing in 30% of rows and missingness itself raises risk by 1.5.
    /// </summary>
    public static CohortTable Binary(int rows, int seed)
    {
        var rng = new Random(seed);
        var age = new double[rows]; var hb = new double[rows]; var sbp = new double[rows]; var lactate = new double[rows];
        var ward = new int[rows]; var y = new double[rows];
        string[] wards = ["icu", "medical", "surgical"];
        double[] wardEffect = [0.8, 0, -0.5];
        for (int i = 0; i < rows; i++)
        {
            age[i] = 20 + 60 * rng.NextDouble();
            hb[i] = 7 + 8 * rng.NextDouble();
            sbp[i] = Math.Round(100 + 80 * rng.NextDouble());
            ward[i] = rng.Next(3);
            bool missing = rng.NextDouble() < 0.3;
            lactate[i] = missing ? double.NaN : 0.5 + 3 * rng.NextDouble();
            double logit = -1 + TrueAge(age[i]) + TrueHb(hb[i]) + (sbp[i] >= 140 ? 1.0 : 0) + wardEffect[ward[i]] + (missing ? 1.5 : 0);
            y[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1 : 0;
        }
        return new CohortTable([
            new NumericColumn("outcome", y, ColumnKind.Binary),
            new NumericColumn("age", age),
            new NumericColumn("hb", hb),
            new NumericColumn("sbp", sbp),
            new NumericColumn("lactate", lactate),
            new CategoricalColumn("ward", ward, wards),
        ]);
    }

    public static double TrueAge(double age) => 1.5 * (age - 50) / 17.3;
    public static double TrueHb(double hb) => Math.Pow((hb - 11) / 2.3, 2) - 1;

    /// <summary>Continuous outcome y = sin(x) + 0.5 * z + noise(sd 0.1), x in [0, 2 pi], z in [-1, 1].</summary>
    public static CohortTable Regression(int rows, int seed)
    {
        var rng = new Random(seed);
        var x = new double[rows]; var z = new double[rows]; var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            x[i] = 2 * Math.PI * rng.NextDouble();
            z[i] = 2 * rng.NextDouble() - 1;
            y[i] = Math.Sin(x[i]) + 0.5 * z[i] + 0.1 * Normal(rng);
        }
        return new CohortTable([new NumericColumn("y", y), new NumericColumn("x", x), new NumericColumn("z", z)]);
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    public static ModelSpecification BinarySpec(int bags = 3, int? interactions = 0) => new()
    {
        Outcome = "outcome",
        Features = ["age", "hb", "sbp", "lactate", "ward"],
        Bags = bags,
        Interactions = interactions,
        Seed = 7,
    };

    public static int[] AllRows(CohortTable t) => Enumerable.Range(0, t.RowCount).ToArray();
}
