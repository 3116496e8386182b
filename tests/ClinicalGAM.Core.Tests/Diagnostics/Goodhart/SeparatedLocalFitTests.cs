using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Goodhart;

namespace ClinicalGAM.Core.Tests.Diagnostics.Goodhart;

/// <summary>
/// A local fit under (quasi-)separation must not become a flag: the issue's ratio feature gave a "jump" of -7e11
/// log-odds with z -3.6e7 because an unpenalised, unchecked fit diverged.
/// </summary>
public class SeparatedLocalFitTests
{
    /// <summary>The outcome is fixed by the ratio: an event exactly when it lies more than 1 from 10 (seeded, 20,000 rows).</summary>
    private static GoodhartContext SeparatedCohort(int seed)
    {
        var rng = new Random(seed);
        int rows = 20_000;
        var x = new double[rows]; var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            x[i] = Math.Round(20 * rng.NextDouble(), 2);
            y[i] = Math.Abs(x[i] - 10) > 1 ? 1 : 0;
        }
        var data = new CohortTable([new NumericColumn("ratio", x), new NumericColumn("event", y, ColumnKind.Binary)]);
        var term = HandBuiltTerms.Build("ratio", v => Math.Abs(v - 10) > 1 ? 4 : -4, seed, from: 0.05, to: 20, step: 0.1);
        return new GoodhartContext { Model = HandBuiltTerms.Model("event", term), Data = data };
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void A_separated_window_is_listed_as_not_testable_and_never_flagged(int seed)
    {
        var report = new ThresholdDiscontinuityDetector().Run(SeparatedCohort(seed));

        Assert.DoesNotContain(report.Flags, f => f.At > 8 && f.At < 12);
        var entry = Assert.Single(report.NotTestable);
        Assert.Equal("ratio", entry.Feature);
        Assert.Contains("separation", entry.Reason + " " + string.Join(' ', report.NotTestable.Select(n => n.Reason)));
        Assert.InRange(entry.Low, 7, 13);
        foreach (var f in report.Flags)
        {
            Assert.InRange(Math.Abs(f.Effect), 0, 10);
            Assert.InRange(Math.Abs(f.Z), 0, 100);
        }
    }

    [Fact]
    public void Json_and_text_of_a_separated_cohort_hold_no_non_finite_or_absurd_number()
    {
        var report = new ThresholdDiscontinuityDetector().Run(SeparatedCohort(5));
        string json = GoodhartFlagJson.Serialize(report);

        Assert.DoesNotContain("NaN", json);
        Assert.DoesNotContain("Infinity", json);
        using var doc = JsonDocument.Parse(json);
        Assert.NotEmpty(doc.RootElement.GetProperty("notTestable").EnumerateArray());
        foreach (var number in Numbers(doc.RootElement)) Assert.InRange(Math.Abs(number), 0, 1e6);
        foreach (var n in report.NotTestable)
        {
            Assert.DoesNotContain("NaN", n.Message);
            foreach (Match m in Regex.Matches(n.Message, @"-?\d+(\.\d+)?(e[+-]?\d+)?"))
                Assert.InRange(Math.Abs(double.Parse(m.Value, CultureInfo.InvariantCulture)), 0, 1e6);
        }
    }

    /// <summary>
    /// A biomarker that decides the outcome in every year (event exactly above 10) over 2012-2021, while the model's
    /// shape for it is a step of only +-<paramref name="step"/> (seeded, 20,000 rows): the change-period fits of the
    /// whole-shape temporal scan are separated, and the multiplier of a weak shape must run away to reproduce them.
    /// </summary>
    private static GoodhartContext SeparatedOverTime(int seed, double step)
    {
        var rng = new Random(seed);
        int rows = 20_000;
        var x = new double[rows]; var y = new double[rows]; var year = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            year[i] = 2012 + rng.Next(10);
            x[i] = Math.Round(20 * rng.NextDouble(), 2);
            y[i] = x[i] > 10 ? 1 : 0;
        }
        var data = new CohortTable([new NumericColumn("year", year), new NumericColumn("ratio", x),
            new NumericColumn("event", y, ColumnKind.Binary)]);
        var term = HandBuiltTerms.Build("ratio", v => v > 10 ? step : -step, seed, from: 0.05, to: 20, step: 0.5);
        return new GoodhartContext
        {
            Model = HandBuiltTerms.Model("event", term),
            Data = data,
            Options = new GoodhartOptions { TimeColumn = "year" },
        };
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void A_separated_change_period_fit_is_not_testable_and_never_a_temporal_flag(int seed)
    {
        var report = new TemporalDriftDetector().Run(SeparatedOverTime(seed, step: 0.25));

        Assert.Empty(report.Flags);
        var entry = Assert.Single(report.NotTestable);
        Assert.Equal(("ratio", "temporal"), (entry.Feature, entry.Kind));
        Assert.InRange(entry.Low, 2012, 2021);
        Assert.InRange(entry.High, entry.Low, 2021);
        string json = GoodhartFlagJson.Serialize(report);
        Assert.DoesNotContain("NaN", json);
        Assert.DoesNotContain("Infinity", json);
        Assert.DoesNotContain("NaN", entry.Message);
    }

    [Fact]
    public void A_separated_biomarker_whose_shape_the_model_has_gives_finite_fits_and_no_temporal_flag()
    {
        // The shape carries the separation (+-4), so the penalised fits stay finite and the effect did not change.
        var report = new TemporalDriftDetector().Run(SeparatedOverTime(5, step: 4));

        Assert.Empty(report.Flags);
        Assert.DoesNotContain("NaN", GoodhartFlagJson.Serialize(report));
    }

    private static IEnumerable<double> Numbers(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => [e.GetDouble()],
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Numbers),
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Numbers(p.Value)),
        _ => [],
    };
}
