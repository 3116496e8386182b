using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Goodhart;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Tests.Diagnostics.Goodhart;

/// <summary>
/// A model fitted with a weight column is tested with the same weights: a cohort where every patient has weight 2
/// gives the same flags, to the digit, as the cohort with every patient listed twice.
/// </summary>
public class GoodhartWeightsTests
{
    /// <summary>Risk rises with the marker, drops by 1.0 from 10 on (treated), and the marker's effect fades from 2018.</summary>
    private static (CohortTable Twice, CohortTable Weighted, GamModel Model, GamModel WeightedModel) Cohorts(int rows, int seed)
    {
        var rng = new Random(seed);
        var x = new double[rows]; var z = new double[rows]; var year = new double[rows]; var y = new double[rows];
        double Truth(double v) => 0.15 * (v - 10) - (v >= 10 ? 1.0 : 0);
        double Fading(double v, double t) => t < 2018 ? 0.12 * v : 0;
        for (int i = 0; i < rows; i++)
        {
            x[i] = Math.Round(20 * rng.NextDouble(), 1);
            z[i] = Math.Round(20 * rng.NextDouble(), 1);
            year[i] = 2012 + rng.Next(12);
            y[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-(-2 + Truth(x[i]) + Fading(z[i], year[i])))) ? 1 : 0;
        }
        double[] Twice(double[] v) => v.Concat(v).ToArray();
        var twice = new CohortTable([new NumericColumn("marker", Twice(x)), new NumericColumn("fading", Twice(z)),
            new NumericColumn("year", Twice(year)), new NumericColumn("event", Twice(y), ColumnKind.Binary)]);
        var weighted = new CohortTable([new NumericColumn("marker", x), new NumericColumn("fading", z),
            new NumericColumn("year", year), new NumericColumn("event", y, ColumnKind.Binary),
            new NumericColumn("w", Enumerable.Repeat(2.0, rows).ToArray())]);
        var marker = HandBuiltTerms.Build("marker", Truth, seed, from: 0.05, to: 20, step: 0.1);
        var fading = HandBuiltTerms.Build("fading", v => 0.06 * v - 0.6, seed + 1, from: 0.5, to: 20, step: 0.5);
        var model = HandBuiltTerms.Model("event", marker, fading);
        var weightedModel = new GamModel(model.Info with { WeightColumn = "w" }, model.Intercept, model.Terms, model.BagIntercepts);
        return (twice, weighted, model, weightedModel);
    }

    [Fact]
    public void Weight_two_gives_the_same_flags_as_listing_every_patient_twice()
    {
        var (twice, weighted, model, weightedModel) = Cohorts(10_000, seed: 4);
        var options = new GoodhartOptions { TimeColumn = "year" };

        var fromTwice = GoodhartAnalyzer.CreateDefault().Analyze(new GoodhartContext { Model = model, Data = twice, Options = options });
        var fromWeights = GoodhartAnalyzer.CreateDefault().Analyze(new GoodhartContext { Model = weightedModel, Data = weighted, Options = options });

        Assert.Contains(fromTwice, f => f.Kind == GoodhartKind.Threshold && f.Feature == "marker");
        Assert.Contains(fromTwice, f => f.Kind == GoodhartKind.Temporal && f.Feature == "fading");
        Assert.Equal(fromTwice.Count, fromWeights.Count);
        foreach (var (a, b) in fromTwice.OrderBy(f => f.Feature).Zip(fromWeights.OrderBy(f => f.Feature)))
        {
            Assert.Equal((a.Feature, a.Kind, a.At), (b.Feature, b.Kind, b.At));
            Assert.Equal(a.Z, b.Z, 6);
            Assert.Equal(a.Effect, b.Effect, 6);
        }
    }
}
