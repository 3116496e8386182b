using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Goodhart;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Ebm;
using ClinicalGAM.Core.Synthetic;

namespace ClinicalGAM.Core.Tests.Diagnostics.Goodhart;

/// <summary>
/// EBM fits on the synthetic SMM cohort, shared by the integration tests below (fitting is the slow part).
/// 8 bags and no interactions keep the suite fast; the detectors see the model and its cohort as the CLI would.
/// </summary>
public sealed class SmmFits
{
    private readonly Lazy<(CohortTable, GamModel)>[] _fits;

    public SmmFits() => _fits = Cases.Select(c => new Lazy<(CohortTable, GamModel)>(() => Fit(c.Rows, c.Seed))).ToArray();

    public static readonly (int Rows, int Seed)[] Cases = [(50_000, 1), (10_000, 2), (10_000, 3)];

    public (CohortTable Data, GamModel Model) Get(int rows, int seed) =>
        _fits[Array.FindIndex(Cases, c => c.Rows == rows && c.Seed == seed)].Value;

    private static (CohortTable, GamModel) Fit(int rows, int seed)
    {
        var data = SmmCohortGenerator.Generate(rows, seed);
        var features = data.Columns.Select(c => c.Name).Where(n => !SmmGroundTruth.NonFeatures.Contains(n)).ToList();
        var spec = new ModelSpecification { Outcome = SmmGroundTruth.Outcome, Features = features, Bags = 8, Interactions = 0, Seed = seed };
        var model = new EbmTrainer().Fit(data, spec, Enumerable.Range(0, rows).ToArray());
        return (data, model);
    }
}

public class SmmCohortFlagsTests(SmmFits fits) : IClassFixture<SmmFits>
{
    private static IReadOnlyList<GoodhartFlag> Flags(CohortTable data, GamModel model, string? time = null) =>
        GoodhartAnalyzer.CreateDefault().Analyze(new GoodhartContext
        {
            Model = model,
            Data = data,
            Options = new GoodhartOptions { TimeColumn = time },
        });

    /// <summary>Width of the model's bin holding a value: "the right place" allows one bin or the round number.</summary>
    private static double BinWidthAt(GamModel model, string feature, double value)
    {
        var binning = model.Terms.Single(t => !t.IsInteraction && t.Binnings[0].Feature == feature).Binnings[0];
        var (lo, hi) = binning.BinRange(binning.BinOf(value));
        return hi - lo;
    }

    [Fact]
    public void Every_planted_threshold_is_flagged_at_its_value_against_the_trend_at_50k()
    {
        var (data, model) = fits.Get(50_000, 1);

        var flags = Flags(data, model);

        foreach (var planted in SmmGroundTruth.Thresholds)
        {
            var flag = Assert.Single(flags, f => f.Feature == planted.Feature && f.Kind == GoodhartKind.Threshold);
            Assert.InRange(flag.At, planted.At - BinWidthAt(model, planted.Feature, planted.At), planted.At + BinWidthAt(model, planted.Feature, planted.At));
            Assert.Equal(Math.Sign(planted.JumpLogOdds), Math.Sign(flag.Effect));
            Assert.True(flag.EffectLow <= planted.JumpLogOdds && planted.JumpLogOdds <= flag.EffectHigh,
                $"{planted.Feature}: planted jump {planted.JumpLogOdds} outside CI [{flag.EffectLow}, {flag.EffectHigh}]");
            Assert.True(flag.OpposesTrend);
        }
    }

    [Fact]
    public void Platelet_policy_is_flagged_from_its_start_year_at_50k()
    {
        var (data, model) = fits.Get(50_000, 1);
        var policy = SmmGroundTruth.PlateletPolicy;

        var temporal = Flags(data, model, policy.TimeColumn).Where(f => f.Kind == GoodhartKind.Temporal).ToList();

        var flag = Assert.Single(temporal);
        Assert.Equal(policy.Feature, flag.Feature);
        Assert.InRange(flag.At, policy.StartYear - 1, policy.StartYear + 1);
        Assert.True(flag.EffectHigh < 0);
    }

    [Theory]
    [InlineData(50_000, 1)]
    [InlineData(10_000, 2)]
    [InlineData(10_000, 3)]
    public void No_negative_control_is_flagged_and_nothing_unplanted_either(int rows, int seed)
    {
        var (data, model) = fits.Get(rows, seed);

        var flags = Flags(data, model, SmmGroundTruth.TimeColumn);

        var planted = SmmGroundTruth.Thresholds.Select(t => (t.Feature, GoodhartKind.Threshold))
            .Concat(SmmGroundTruth.Policies.Select(p => (p.Feature, GoodhartKind.Temporal)))
            // The sampler clamps term births' gestational age at 37 weeks (Math.Clamp(termDraw, 37, 42.6)): a real heap of
            // recorded values at 37, which the heaping detector rightly reports (5-6x the readings of other whole weeks).
            .Append(("gestational_age_wk", GoodhartKind.Heaping)).ToHashSet();
        Assert.DoesNotContain(flags, f => SmmGroundTruth.NegativeControls.Any(c => c.Feature == f.Feature));
        Assert.All(flags, f => Assert.Contains((f.Feature, f.Kind), planted));
        // Whatever is flagged of a planted threshold at 10k must be at the right place.
        foreach (var f in flags.Where(f => f.Kind == GoodhartKind.Threshold))
        {
            var truth = SmmGroundTruth.Thresholds.Single(t => t.Feature == f.Feature);
            Assert.InRange(f.At, truth.At - BinWidthAt(model, f.Feature, truth.At), truth.At + BinWidthAt(model, f.Feature, truth.At));
        }
    }
}
