using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Goodhart;
using ClinicalGAM.Core.Modeling;
using Xunit.Abstractions;

namespace ClinicalGAM.Core.Tests.Diagnostics.Goodhart;

/// <summary>
/// The threshold test on null cohorts (smooth effects, no treatment anywhere), small enough to run in seconds: the
/// model is the true curves (no fit), so every flag is false. Seeds 3001-3030, 6,000 patients each; three biomarkers:
/// a steep tanh (the ratio), a U shape and a line, recorded on a 0.1 grid. "Pseudo-replicated" lists every
/// patient three times with weight 1, which makes every Fisher standard error sqrt(3) too small: the placebo cut-offs
/// must notice and inflate.
/// </summary>
public sealed class NullCalibrationSimulation
{
    public static readonly int[] Seeds = Enumerable.Range(3001, 30).ToArray();
    public const int Rows = 6_000;

    public sealed record Run(int Seed, int Copies, bool Calibrated, GoodhartReport Report);

    private readonly Lazy<IReadOnlyList<Run>> _runs = new(() =>
        (from copies in new[] { 1, 3 }
         from calibrated in new[] { true, false }
         from seed in Seeds
         select Detect(seed, copies, calibrated)).ToList());

    public IReadOnlyList<Run> Runs => _runs.Value;

    private static readonly (string Name, Func<double, double> Truth)[] Biomarkers =
    [
        ("ratio", x => 2.5 * Math.Tanh(3 * Math.Log(x / 10))),
        ("u_shape", x => 0.04 * (x - 10) * (x - 10) - 0.5),
        ("line", x => 0.1 * (x - 10)),
    ];

    public static Run Detect(int seed, int copies, bool calibrated)
    {
        var rng = new Random(seed);
        int n = Rows * copies;
        var x = Biomarkers.Select(_ => new double[n]).ToArray();
        var y = new double[n];
        for (int i = 0; i < Rows; i++)
        {
            double eta = -1.5;
            var values = new double[Biomarkers.Length];
            for (int b = 0; b < Biomarkers.Length; b++)
            {
                values[b] = Math.Round(Math.Clamp(10 * Math.Exp(0.3 * HandBuiltTerms.Normal(rng)), 2.05, 39.95), 1);
                eta += Biomarkers[b].Truth(values[b]);
            }
            double outcome = rng.NextDouble() < 1 / (1 + Math.Exp(-eta)) ? 1 : 0;
            for (int c = 0; c < copies; c++)
            {
                for (int b = 0; b < Biomarkers.Length; b++) x[b][i * copies + c] = values[b];
                y[i * copies + c] = outcome;
            }
        }
        var columns = Biomarkers.Select((m, b) => (CohortColumn)new NumericColumn(m.Name, x[b])).ToList();
        columns.Add(new NumericColumn("event", y, ColumnKind.Binary));
        var terms = Biomarkers.Select((m, b) => HandBuiltTerms.Build(m.Name, m.Truth, seed + b, from: 2.05, to: 40, step: 0.25,
            samplesPerBin: n / 152.0)).ToArray();
        var model = new GamModel(new ModelInfo { Engine = "hand", Outcome = "event", Features = terms.Select(t => t.Name).ToArray() },
            -1.5, terms, null);
        var report = new ThresholdDiscontinuityDetector().Run(new GoodhartContext
        {
            Model = model,
            Data = new CohortTable(columns),
            Options = new GoodhartOptions { CalibrateOnPlacebos = calibrated },
        });
        return new Run(seed, copies, calibrated, report);
    }
}

public class GoodhartNullCalibrationTests(NullCalibrationSimulation simulation, ITestOutputHelper output)
    : IClassFixture<NullCalibrationSimulation>
{
    private (int Cohorts, int WithFalseFlag, double MedianZ2, double Inflation) Summary(int copies, bool calibrated)
    {
        var runs = simulation.Runs.Where(r => r.Copies == copies && r.Calibrated == calibrated).ToList();
        int flagged = runs.Count(r => r.Report.Flags.Count > 0);
        var calibrations = runs.Select(r => r.Report.Calibrations.Single(c => c.Kind == "threshold")).ToList();
        double medianZ2 = calibrations.Select(c => c.MedianZSquared).Order().ElementAt(calibrations.Count / 2);
        double inflation = calibrations.Select(c => c.Inflation).Order().ElementAt(calibrations.Count / 2);
        output.WriteLine($"copies {copies}, calibrated {calibrated}: {flagged} of {runs.Count} null cohorts with a false threshold flag; " +
            $"median over cohorts of the placebos' median z^2 {medianZ2:0.00} (0.45 under the null), inflation {inflation:0.00}");
        output.WriteLine("  per cohort (seed: placebos, median z^2, flags): " + string.Join(", ", runs.Select((r, k) =>
            FormattableString.Invariant($"{r.Seed}: {calibrations[k].Placebos}, {calibrations[k].MedianZSquared:0.000}, {r.Report.Flags.Count}"))));
        foreach (var r in runs.Where(r => r.Report.Flags.Count > 0))
            output.WriteLine($"  seed {r.Seed}: " + string.Join("; ", r.Report.Flags.Select(f => $"{f.Feature} at {f.At:G4} effect {f.Effect:0.00} z {f.Z:0.0}")));
        return (runs.Count, flagged, medianZ2, inflation);
    }

    [Fact]
    public void On_independent_null_cohorts_the_placebos_see_a_standard_normal_and_at_most_3_of_30_cohorts_get_a_false_flag()
    {
        var s = Summary(copies: 1, calibrated: true);

        Assert.Equal(30, s.Cohorts);
        Assert.True(s.WithFalseFlag <= 3, $"{s.WithFalseFlag} of 30 null cohorts flagged");
        Assert.InRange(s.MedianZ2, 0.15, 0.9);
        Assert.InRange(s.Inflation, 1, 1.6);
    }

    [Fact]
    public void Pseudo_replicated_patients_inflate_the_placebo_null_and_the_calibration_removes_most_false_flags_they_cause()
    {
        var uncalibrated = Summary(copies: 3, calibrated: false);
        var calibrated = Summary(copies: 3, calibrated: true);

        // Every standard error is sqrt(3) too small: placebo z^2 about 3 x 0.45, and many false flags without calibration.
        Assert.InRange(calibrated.MedianZ2, 0.8, 2.5);
        Assert.InRange(calibrated.Inflation, 1.8, 4.5);
        Assert.True(uncalibrated.WithFalseFlag >= 20, $"{uncalibrated.WithFalseFlag} of 30 flagged without calibration");
        // Each cohort estimates its inflation from its own ~50 placebos, so a few stay under-inflated.
        Assert.True(calibrated.WithFalseFlag <= 5, $"{calibrated.WithFalseFlag} of 30 flagged with calibration");
    }
}
