using System.Globalization;
using System.Text;

namespace ClinicalGAM.EndToEnd.Tests;

/// <summary>Small deterministic cohort files for the browser tests (a fit on them takes seconds).</summary>
internal static class TestCohorts
{
    /// <summary>1,500 deliveries: U-shaped age, anaemia raising risk, caesarean raising risk, ferritin often missing.</summary>
    public static string WriteSmall(string directory) => WriteSmall(directory, 20261125, "small_cohort.csv");

    /// <summary>The same kind of cohort drawn with another seed (e.g. another hospital, for external validation).</summary>
    public static string WriteSmall(string directory, int seed, string fileName)
    {
        var rng = new Random(seed);
        var csv = new StringBuilder("patient_id,maternal_age,hemoglobin_g_dl,delivery_mode,ferritin,smm\n");
        string[] modes = ["vaginal", "caesarean", "assisted"];
        for (int i = 0; i < 1500; i++)
        {
            double age = 16 + 30 * rng.NextDouble();
            double hb = 11.5 + 1.5 * Normal(rng);
            var mode = modes[rng.Next(3)];
            string ferritin = rng.NextDouble() < 0.4 ? "" : (5 + 195 * rng.NextDouble()).ToString("0.0", CultureInfo.InvariantCulture);
            double eta = -2.5 + 0.012 * (age - 31) * (age - 31) - 0.6 * (hb - 11.5) + (mode == "caesarean" ? 0.8 : 0);
            int smm = rng.NextDouble() < 1 / (1 + Math.Exp(-eta)) ? 1 : 0;
            csv.Append(CultureInfo.InvariantCulture, $"P{i:00000},{age:0.0},{hb:0.00},{mode},{ferritin},{smm}\n");
        }
        var path = Path.Combine(directory, fileName);
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    /// <summary>
    /// The synthetic SMM delivery cohort (sample-data/README.md) at any size, from its deterministic generator: with
    /// delivery_year as the time axis and a planted platelet policy from 2018, a Goodhart check on it does the calendar
    /// drift scan and the per-period refit, work that grows with the rows.
    /// </summary>
    public static string WriteSmm(string directory, int rows, int seed, string fileName)
    {
        var path = Path.Combine(directory, fileName);
        using var file = File.Create(path);
        ClinicalGAM.Core.Data.CohortCsvWriter.Write(ClinicalGAM.Core.Synthetic.SmmCohortGenerator.Generate(rows, seed), file);
        return path;
    }

    /// <summary>A file whose third line has one field too few.</summary>
    public static string WriteRagged(string directory)
    {
        var path = Path.Combine(directory, "ragged.csv");
        File.WriteAllText(path, "age,hb,smm\n30,11.2,0\n41,9.8\n25,12.0,1\n");
        return path;
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
