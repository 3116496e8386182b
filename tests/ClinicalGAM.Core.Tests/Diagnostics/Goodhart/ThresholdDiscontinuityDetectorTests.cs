using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Diagnostics.Goodhart;

namespace ClinicalGAM.Core.Tests.Diagnostics.Goodhart;

public class ThresholdDiscontinuityDetectorTests
{
    private static IReadOnlyList<GoodhartFlag> Detect(params ClinicalGAM.Core.Modeling.GamTerm[] terms) =>
        new ThresholdDiscontinuityDetector().Detect(new GoodhartContext { Model = HandBuiltTerms.Model(terms) });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Planted_jump_against_a_falling_trend_is_flagged_at_the_round_number(int seed)
    {
        // Anaemia raises risk (falling curve); treatment below 7 lowers it, so risk jumps up at 7.
        var hb = HandBuiltTerms.Build("hemoglobin_g_dl", x => -0.15 * x - (x < 7 ? 0.5 : 0), seed);

        var flags = Detect(hb);

        var flag = Assert.Single(flags);
        Assert.Equal(GoodhartKind.Threshold, flag.Kind);
        Assert.Equal(7, flag.At);
        Assert.InRange(flag.Effect, 0.35, 0.65);
        Assert.True(flag.EffectLow > 0);
        Assert.True(flag.OpposesTrend);
        Assert.NotNull(flag.Cutoff);
        Assert.True(flag.SamplesLeft >= 30 && flag.SamplesRight >= 30);
        Assert.Contains("hemoglobin_g_dl 7", flag.Message);
    }

    [Fact]
    public void Jump_at_an_arbitrary_value_of_an_unknown_feature_is_reported_at_its_edge()
    {
        var term = HandBuiltTerms.Build("marker_x", x => 0.05 * x + (x >= 12.6 ? -0.6 : 0), seed: 4);

        var flag = Assert.Single(Detect(term));

        Assert.InRange(flag.Edge, 12.5, 12.8);
        Assert.InRange(flag.At, 12.5, 12.8);
        Assert.Null(flag.Cutoff);
        Assert.True(flag.Effect < 0);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Steep_smooth_ramp_drawn_as_a_staircase_by_each_bag_is_not_flagged(int seed)
    {
        // Boosted shapes are steppy everywhere; bags put the steps in different places.
        var ramp = HandBuiltTerms.Staircase("systolic_bp", x => 0.2 * x, seed, stepHeight: 0.3);

        Assert.Empty(Detect(ramp));
    }

    [Fact]
    public void Pure_noise_in_many_terms_gives_no_flags()
    {
        var terms = Enumerable.Range(0, 15)
            .Select(i => HandBuiltTerms.Build($"noise_{i}", _ => 0, seed: 100 + i, noise: 0.05))
            .ToArray();

        Assert.Empty(Detect(terms));
    }

    [Fact]
    public void Smooth_curved_effect_is_not_flagged()
    {
        var creatinine = HandBuiltTerms.Build("creatinine", x => 0.02 * (x - 8) * (x - 8), seed: 21);

        Assert.Empty(Detect(creatinine));
    }

    [Fact]
    public void Same_jump_ranks_higher_against_the_trend_at_a_cut_off_than_with_the_trend_elsewhere()
    {
        var against = HandBuiltTerms.Build("hemoglobin", x => -0.1 * x + (x >= 7 ? 0.3 : 0), seed: 31);
        var with = HandBuiltTerms.Build("marker_y", x => -0.1 * x + (x >= 13.1 ? -0.3 : 0), seed: 31);

        var flags = Detect(against, with);

        var hb = flags.Single(f => f.Feature == "hemoglobin");
        Assert.True(hb.OpposesTrend);
        var other = flags.SingleOrDefault(f => f.Feature == "marker_y");
        if (other is not null) Assert.True(hb.Score > other.Score);
    }

    [Fact]
    public void A_library_cut_off_keeps_most_of_its_blocks_error_rate()
    {
        // A small jump at 7, so that its p-value is neither 0 nor 1 and the block's adjustment shows.
        var hb = HandBuiltTerms.Build("hemoglobin_g_dl", x => -0.15 * x + (x >= 7 ? 0.1 : 0), seed: 5);
        var curve = ShapeCurve.TryCreate(hb)!;
        var options = new GoodhartOptions();
        var match = ClinicalCutoffLibrary.Default.Match("hemoglobin_g_dl", 12);
        Assert.NotNull(match);

        var known = ThresholdDiscontinuityDetector.TestEdges(curve, match, options).Single(t => t.At == 7);
        var unknown = ThresholdDiscontinuityDetector.TestEdges(curve, null, options).Single(t => t.At == 7);

        // Same edge, same raw test: the cut-off (stated in advance) pays 1/0.9, a mere round number 1/0.5.
        Assert.Equal(known.Edge, unknown.Edge);
        Assert.InRange(unknown.P, 1e-6, 0.99);
        Assert.Equal(unknown.P * 0.5 / EdgeTester.CutoffShare, known.P, 6);
    }

    [Fact]
    public void Edge_prior_favours_library_cut_offs_then_round_numbers()
    {
        Assert.True(ThresholdDiscontinuityDetector.Prior(7, 0.3) > ThresholdDiscontinuityDetector.Prior(double.NaN, 0.3));
        Assert.True(ThresholdDiscontinuityDetector.Prior(double.NaN, 0.3) > ThresholdDiscontinuityDetector.Prior(double.NaN, 0.01));
    }
}

public class ThresholdOnDataTests
{
    /// <summary>A cohort whose risk falls with the marker and jumps up by 0.8 from 10 on (treated below 10).</summary>
    private static GoodhartContext Context(int rows, int seed, double jump, bool withBags, string feature = "marker")
    {
        var rng = new Random(seed);
        var x = new double[rows]; var y = new double[rows];
        double Truth(double v) => -0.15 * (v - 10) + (v >= 10 ? jump : 0);
        for (int i = 0; i < rows; i++)
        {
            x[i] = Math.Round(20 * rng.NextDouble(), 1);
            y[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-(-2 + Truth(x[i])))) ? 1 : 0;
        }
        var data = new CohortTable([new NumericColumn(feature, x), new NumericColumn("event", y, ColumnKind.Binary)]);
        // The model's shape: the truth, on cuts between the recorded values (9.95 | 10.05), as EBM places them.
        var term = HandBuiltTerms.Build(feature, Truth, seed, from: 0.05, to: 20, step: 0.1);
        if (!withBags) term = new GamTerm(term.Name, term.Binnings, term.Scores, term.StandardDeviations, term.BinWeights);
        return new GoodhartContext { Model = HandBuiltTerms.Model("event", term), Data = data };
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Jump_in_the_data_is_found_at_the_round_number_with_or_without_bags(bool withBags)
    {
        var flag = Assert.Single(new ThresholdDiscontinuityDetector().Detect(Context(40_000, 2, 0.8, withBags)));

        Assert.Equal(10, flag.At);
        Assert.Equal(9.95, flag.Edge, 6);
        Assert.InRange(flag.Effect, 0.4, 1.2);
        Assert.InRange(0.8, flag.EffectLow, flag.EffectHigh);
        Assert.True(flag.OpposesTrend);
    }

    [Fact]
    public void The_time_column_is_not_tested_for_a_treatment_threshold()
    {
        // The same jump, in a column the user named as calendar time: a period change, left to the temporal detectors.
        var context = Context(40_000, 2, 0.8, withBags: true, feature: "delivery_year");
        Assert.Single(new ThresholdDiscontinuityDetector().Detect(context));
        var asTime = context with { Options = context.Options with { TimeColumn = "delivery_year" } };
        var report = new ThresholdDiscontinuityDetector().Run(asTime);
        Assert.Empty(report.Flags);
        Assert.Empty(report.NotTestable);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Smooth_risk_in_the_data_gives_no_flag_even_where_the_shape_steps(int seed)
    {
        // The shape drawn as a staircase (as boosting does), but the data have no jump.
        var context = Context(40_000, seed, 0, withBags: true);
        var stairs = HandBuiltTerms.Staircase("marker", v => -0.15 * (v - 10), seed, stepHeight: 0.25);

        Assert.Empty(new ThresholdDiscontinuityDetector().Detect(context with { Model = HandBuiltTerms.Model("event", stairs) }));
    }

    [Fact]
    public void No_test_where_a_side_of_the_edge_holds_too_few_events_for_a_wald_test()
    {
        // 300 patients: a real, large jump at 10, but only a handful of events in the window below it. An unpenalised
        // Wald test flagged it without the events gate; the Firth fit's checks (standard error not absurd) now keep it
        // out on their own too, so both gates hold.
        var context = Context(300, 4, 3.0, withBags: false);
        var ungated = context with { Options = context.Options with { MinimumSideEvents = 0 } };

        Assert.Empty(new ThresholdDiscontinuityDetector().Detect(ungated));
        Assert.Empty(new ThresholdDiscontinuityDetector().Detect(context));
    }

    [Fact]
    public void A_flag_needs_strong_evidence_of_its_own_even_at_a_library_cut_off()
    {
        // 3,000 patients, a modest jump at Hb 10 (a transfusion cut-off the prior favours): the weighted false-discovery
        // step alone would flag it at |z| 2.6; the floor on |z| asks for more before telling a clinician.
        var context = Context(3_000, 13, 0.5, withBags: false, feature: "hemoglobin_g_dl");
        var unfloored = new ThresholdDiscontinuityDetector().Detect(context with { Options = context.Options with { MinimumThresholdZ = 0 } });

        var weak = Assert.Single(unfloored);
        Assert.Equal(10, weak.At);
        Assert.InRange(Math.Abs(weak.Z), 2, 3);
        Assert.Empty(new ThresholdDiscontinuityDetector().Detect(context));
    }
}
