using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Fairness;
using ClinicalGAM.Core.Diagnostics.MeasurementValue;

namespace ClinicalGAM.Core.Tests.Diagnostics.Fairness;

public class ExponentiatedGradientTests
{
    [Theory]
    [InlineData(ParityConstraint.DemographicParity)]
    [InlineData(ParityConstraint.EqualisedOdds)]
    public void Row_costs_price_flagging_exactly_as_the_weighted_moments_do(ParityConstraint kind)
    {
        // The reduction rests on this identity: Σₖ μₖ γₖ(h) = (1/n) Σᵢ hᵢ costᵢ for any flags h.
        var rng = new SeededRandom(4);
        int n = 500;
        var groups = Enumerable.Range(0, n).Select(_ => rng.NextInt(3)).ToArray();
        var labels = Enumerable.Range(0, n).Select(_ => rng.NextBool(0.3) ? 1.0 : 0.0).ToArray();
        var moments = new ParityMoments(kind, groups, labels, 3);
        var mu = Enumerable.Range(0, moments.Count).Select(_ => rng.NextNormal()).ToArray();
        var h = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var gamma = moments.Gamma(h);
        double viaMoments = mu.Zip(gamma, (m, g) => m * g).Sum();
        double viaCosts = moments.RowCosts(mu).Zip(h, (c, x) => c * x).Sum() / n;
        Assert.Equal(viaMoments, viaCosts, 10);
        // Flagging everyone is parity: every moment is 0.
        Assert.All(moments.Gamma(Enumerable.Repeat(1.0, n).ToArray()), g => Assert.Equal(0, g, 12));
    }

    [Fact]
    public void Mixing_towards_the_unconstrained_fit_stops_at_the_bound()
    {
        double alpha = ExponentiatedGradient.TowardsUnconstrained([0.3, -0.3], [0.02, -0.02], 0.1);
        Assert.Equal((0.1 - 0.02) / (0.3 - 0.02), alpha, 12);
        Assert.Equal(1, ExponentiatedGradient.TowardsUnconstrained([0.05, -0.05], [0, 0], 0.1));
        Assert.Equal(0, ExponentiatedGradient.TowardsUnconstrained([0.3, -0.3], [0.2, -0.2], 0.1));
    }

    [Fact]
    public void When_the_rounds_miss_the_bound_weight_moves_onto_the_fairest_classifier_only_as_far_as_needed()
    {
        // (1 − β)·0.2 + β·0.0 ≤ 0.1 first at β = 0.5.
        Assert.Equal(0.5, ExponentiatedGradient.TowardsFairest([0.2, -0.2], [0.0, 0.0], 0.1), 9);
        Assert.Equal(0, ExponentiatedGradient.TowardsFairest([0.05, -0.05], [0.0, 0.0], 0.1));
        // Unreachable bound: the least-violating share (here all the way).
        Assert.Equal(1, ExponentiatedGradient.TowardsFairest([0.3, -0.3], [0.1, -0.1], 0.05));
    }

    [Fact]
    public void The_expected_score_of_a_mixture_is_one_GAM_whose_score_is_the_weighted_average()
    {
        var cohort = PlantedProxyCohort.Create(1200, 9);
        var rows = Enumerable.Range(0, cohort.RowCount).ToArray();
        var a = FastRefit.Fit(cohort, "died", PlantedProxyCohort.Features, rows, 1, default);
        var b = FastRefit.Fit(cohort, "died", ["lactate", "group"], rows, 2, default);
        var mixture = new GamMixture([a, b], [3, 1]);
        var gam = mixture.ExpectedGam(cohort, rows, interceptShift: 0.5);
        var ea = a.LinearPredictor(cohort); var eb = b.LinearPredictor(cohort); var e = gam.LinearPredictor(cohort);
        for (int i = 0; i < e.Length; i++) Assert.Equal(0.75 * ea[i] + 0.25 * eb[i] + 0.5, e[i], 9);
        Assert.Equal(PlantedProxyCohort.Features.Length, gam.Terms.Count);
        Assert.All(gam.Terms, t => Assert.Equal(cohort.RowCount, t.BinWeights.Sum()));
        var flags = mixture.FlagProbability(cohort);
        for (int i = 0; i < e.Length; i++) Assert.Equal((ea[i] >= 0 ? 0.75 : 0) + (eb[i] >= 0 ? 0.25 : 0), flags[i], 12);
    }
}
