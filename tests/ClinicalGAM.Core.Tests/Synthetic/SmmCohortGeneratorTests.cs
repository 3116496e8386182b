using System.Security.Cryptography;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Synthetic;

namespace ClinicalGAM.Core.Tests.Synthetic;

public class SmmCohortGeneratorTests
{
    private static string Csv(CohortTable table)
    {
        using var buffer = new MemoryStream();
        CohortCsvWriter.Write(table, buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public void Same_seed_gives_the_same_cohort_and_another_seed_does_not()
    {
        Assert.Equal(Csv(SmmCohortGenerator.Generate(2000, 7)), Csv(SmmCohortGenerator.Generate(2000, 7)));
        Assert.NotEqual(Csv(SmmCohortGenerator.Generate(2000, 7)), Csv(SmmCohortGenerator.Generate(2000, 8)));
    }

    [Fact]
    public void A_smaller_cohort_is_the_prefix_of_a_larger_one()
    {
        var small = Csv(SmmCohortGenerator.Generate(300, 11));
        var large = Csv(SmmCohortGenerator.Generate(900, 11));
        Assert.StartsWith(small, large);
    }

    [Fact]
    public void Output_is_pinned_so_every_platform_writes_the_same_file()
    {
        // Guards the draw order and arithmetic: if this changes, sample-data/smm_cohort.csv must be regenerated.
        var hash = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Csv(SmmCohortGenerator.Generate(200, 20261125)))));
        Assert.Equal(PinnedHash, hash);
    }

    internal const string PinnedHash = "6992DCC7710A3B65DA4E6BE1C44DAFDD51FAF9095D2F615BB7BB256D3C74DB74";

    [Theory]
    [InlineData(20261125)]
    [InlineData(1)]
    [InlineData(99)]
    public void Prevalence_is_between_5_and_8_percent(int seed)
    {
        var smm = (NumericColumn)SmmCohortGenerator.Generate(20000, seed)[SmmGroundTruth.Outcome];
        Assert.InRange(smm.Values.ToArray().Average(), 0.05, 0.08);
    }

    [Fact]
    public void Csv_round_trip_infers_the_generator_kinds()
    {
        var table = SmmCohortGenerator.Generate(1000, 3);
        var read = CohortCsvReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Csv(table))));
        Assert.Equal(table.Columns.Select(c => (c.Name, c.Kind)), read.Columns.Select(c => (c.Name, c.Kind)));
    }

    [Fact]
    public void True_logits_are_the_ground_truth_function_of_each_patient_and_discriminate()
    {
        var cohort = SmmCohortGenerator.GenerateWithTruth(20000, 5);
        for (int i = 0; i < 100; i++) Assert.Equal(SmmGroundTruth.TrueLogit(cohort.Patients[i]), cohort.TrueLogits[i]);
        var labels = ((NumericColumn)cohort.Table[SmmGroundTruth.Outcome]).Values.ToArray();
        Assert.InRange(Auc(cohort.TrueLogits, labels), 0.78, 0.92);
    }

    [Fact]
    public void Values_are_clinically_plausible()
    {
        var table = SmmCohortGenerator.Generate(5000, 2);
        (string Column, double Min, double Max)[] ranges =
        [
            ("delivery_year", 2012, 2023), ("maternal_age", 15, 49), ("maternal_height_cm", 140, 190), ("bmi", 16, 60),
            ("gestational_age_wk", 22, 43), ("baby_weight_g", 300, 6000), ("systolic_bp", 80, 220),
            ("hemoglobin_g_dl", 4, 17), ("platelets", 5, 600), ("creatinine", 0.2, 4), ("glucose_mg_dl", 50, 300),
            ("zip_income_quintile", 1, 5),
        ];
        foreach (var (column, min, max) in ranges)
        {
            var p = ColumnProfiler.Profile(table[column]);
            Assert.InRange(p.Min, min, max);
            Assert.InRange(p.Max, min, max);
        }
        var ferritin = ColumnProfiler.Profile(table[SmmGroundTruth.InformativeMissingColumn]);
        Assert.InRange(ferritin.MissingFraction, 0.6, 0.95);
    }

    [Fact]
    public void Ferritin_is_measured_more_often_in_anaemic_patients()
    {
        var table = SmmCohortGenerator.Generate(10000, 4);
        var hb = (NumericColumn)table["hemoglobin_g_dl"];
        var ferritin = table["ferritin"];
        double Measured(Func<double, bool> which)
        {
            var rows = Enumerable.Range(0, table.RowCount).Where(i => which(hb[i])).ToArray();
            return rows.Count(i => !ferritin.IsMissing(i)) / (double)rows.Length;
        }
        Assert.True(Measured(v => v < 10) > 3 * Measured(v => v >= 10));
    }

    [Fact]
    public void Transfusion_is_given_below_the_hemoglobin_threshold()
    {
        var cohort = SmmCohortGenerator.GenerateWithTruth(20000, 6);
        var below = cohort.Patients.Where(p => p.HemoglobinGDl < 7).ToArray();
        var above = cohort.Patients.Where(p => p.HemoglobinGDl >= 7).ToArray();
        Assert.InRange(below.Average(p => p.Transfused ? 1.0 : 0), 0.78, 0.92);
        Assert.InRange(above.Average(p => p.Transfused ? 1.0 : 0), 0, 0.03);
        Assert.True(below.Length > 250, $"only {below.Length} patients below Hb 7 in 20,000");
    }

    [Fact]
    public void Glucose_is_heaped_at_multiples_of_ten()
    {
        var glucose = (NumericColumn)SmmCohortGenerator.Generate(10000, 8)["glucose_mg_dl"];
        var present = glucose.Values.ToArray().Where(v => !double.IsNaN(v)).ToArray();
        double share = present.Count(v => v % 10 == 0) / (double)present.Length;
        Assert.InRange(share, 0.3, 0.5); // 10% by chance, ~35% charted rounded
    }

    internal static double Auc(double[] scores, double[] labels)
    {
        var order = Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ToArray();
        double rankSum = 0, positives = 0;
        for (int k = 0; k < order.Length; k++)
            if (labels[order[k]] == 1) { rankSum += k + 1; positives++; }
        double negatives = labels.Length - positives;
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }
}
