using ClinicalGAM.Core.Diagnostics.Goodhart;
using Xunit.Abstractions;

namespace ClinicalGAM.Core.Tests.Diagnostics.Goodhart;

/// <summary>
/// Heaping and bunching as a source of candidate cut-offs, on the planted cohorts' recorded values (no model needed:
/// the scan reads the values only). Null cohorts are the simulation's null seeds (101-120; blood pressures heaped at
/// multiples of 10 in every cohort, which is digit preference, not gaming); the gamed cohorts push readings just under,
/// or exactly to, a cut-off.
/// </summary>
public class DensityCandidateScanTests(ITestOutputHelper output)
{
    public const int Rows = GoodhartSimulation.Rows;

    public static readonly PlantedGoodhartCohort.Heaping[] Gamed =
    [
        new("systolic_bp", 140, 6, 0.5, ToCut: false, Jump: 0),      // 142 written as 137-139
        new("hemoglobin_g_dl", 9, 0.4, 0.5, ToCut: false, Jump: 0),  // 9.2 written as 8.7-8.9 (transfusion trigger)
        new("heart_rate", 110, 4, 0.4, ToCut: true, Jump: 0),        // 111-113 written as 110: heaped at the cut
    ];

    private static DensityCandidateScan.Outcome Scan(PlantedGoodhartCohort.Cohort cohort) =>
        DensityCandidateScan.Run(DensityCandidateScan.Columns(cohort.Data, cohort.Features), 0.05);

    private void Describe(int seed, DensityCandidateScan.Outcome scan)
    {
        output.WriteLine($"seed {seed}: {scan.Candidates.Count} candidates, placebo median z^2 {scan.Calibration.MedianZSquared:0.00} " +
            $"(inflation {scan.Calibration.Inflation:0.00}); found: " + string.Join("; ", scan.Found.Select(c =>
                $"{c.Feature} {c.At:G4} (bunch z {c.Test.Z:0.0} q {c.BunchQ:0.###}, heap x{c.Test.HeapRatio:0.00} z {c.Test.HeapZ:0.0} q {c.HeapQ:0.###})")));
    }

    [Fact]
    public void Null_cohorts_have_at_most_one_heaping_or_bunching_finding_in_twenty()
    {
        var seeds = GoodhartSimulation.NullReal.Concat(GoodhartSimulation.NullRenamed).ToArray();
        var scans = seeds.AsParallel().AsOrdered().Select(s => Scan(PlantedGoodhartCohort.Generate(Rows, s, planted: false))).ToList();
        for (int i = 0; i < seeds.Length; i++) Describe(seeds[i], scans[i]);

        int withFinding = scans.Count(s => s.Found.Any());
        Assert.True(withFinding <= 1, $"{withFinding} of 20 null cohorts with a heaping or bunching finding");
        // The placebo z is the smaller of the local-linear and local-quadratic z (intersection-union), so under the null
        // its median square is below a standard normal's 0.455 (about 0.2 here), and no inflation is applied.
        double medianZ2 = scans.Select(s => s.Calibration.MedianZSquared).Order().ElementAt(scans.Count / 2);
        Assert.InRange(medianZ2, 0.08, 0.455);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    public void Readings_gamed_toward_a_cut_off_are_found_there_and_nowhere_else(int truth, bool renamed)
    {
        var gamed = Gamed[truth];
        var cohort = PlantedGoodhartCohort.Generate(Rows, 500 + truth, planted: false, gamed);
        if (renamed) cohort = PlantedGoodhartCohort.Renamed(cohort);
        var scan = Scan(cohort);
        Describe(500 + truth, scan);

        var found = Assert.Single(scan.Found);
        Assert.Equal(cohort.Heaping!.Feature, found.Feature);
        Assert.Equal(gamed.At, found.At, 6);
        // Heaping at the cut is judged against the few other multiples of 10 in range (Student's t on their degrees of
        // freedom), so with 20k rows it may be the bunching test that carries the finding: the heap must still show.
        if (gamed.ToCut) Assert.True(found.Test.HeapRatio > 1.5 && found.Test.HeapZ > 3, $"heap x{found.Test.HeapRatio}, z {found.Test.HeapZ}");
        else Assert.True(found.BunchFound && found.Test.LogJump < 0, $"log jump {found.Test.LogJump}");
    }
}
