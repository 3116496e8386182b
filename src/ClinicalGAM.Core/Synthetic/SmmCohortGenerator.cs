using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Synthetic;

/// <summary>A generated cohort with each row's latent patient and true log-odds (for the true model's AUC).</summary>
public sealed record SmmCohort(CohortTable Table, SmmPatient[] Patients, double[] TrueLogits);

/// <summary>
/// Deterministic generator of a synthetic delivery cohort with severe maternal morbidity (SMM) as outcome and the
/// planted effects of <see cref="SmmGroundTruth"/>. Draws come from PCG32 in a fixed order per row, so a seed gives
/// the same cohort on every platform, and the first N rows of a larger cohort equal the cohort of N rows.
/// </summary>
public static class SmmCohortGenerator
{
    public static CohortTable Generate(int rows, int seed) => GenerateWithTruth(rows, seed).Table;

    public static SmmCohort GenerateWithTruth(int rows, int seed, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var random = new SeededRandom(seed);
        var patients = new SmmPatient[rows];
        var logits = new double[rows];
        var columns = new SmmColumnsBuilder(rows);
        for (int i = 0; i < rows; i++)
        {
            if ((i & 4095) == 0) ct.ThrowIfCancellationRequested();
            var p = SmmPatientSampler.Draw(random);
            patients[i] = p;
            logits[i] = SmmGroundTruth.TrueLogit(p);
            bool smm = random.NextDouble() < 1 / (1 + Math.Exp(-logits[i]));
            columns.Add(i, p, smm, random);
        }
        return new SmmCohort(columns.Build(), patients, logits);
    }
}
