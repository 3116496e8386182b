using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Fairness;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Ebm;
using Xunit.Abstractions;

namespace ClinicalGAM.Core.Tests.Diagnostics.Fairness;

public class FairnessStrategiesTests(ITestOutputHelper output)
{
    private static readonly CohortTable Cohort = PlantedProxyCohort.Create();
    private static readonly int[] AllRows = Enumerable.Range(0, Cohort.RowCount).ToArray();

    /// <summary>A model that uses the attribute in its main term and in pairs (every pair of five features).</summary>
    private static GamModel WithAttribute(int pairs = 10) => new EbmTrainer(new EbmOptions { OuterBags = 2, LearningRate = 0.05 }).Fit(Cohort,
        new ModelSpecification { Outcome = "died", Features = PlantedProxyCohort.Features, Interactions = pairs, Bags = 2, Seed = 3 }, AllRows);

    [Fact]
    public void Clean_and_blinding_make_scores_invariant_to_the_attribute()
    {
        var model = WithAttribute();
        Assert.Contains(model.Terms, t => t.IsInteraction && t.Features.Contains("group"));
        var asA = PlantedProxyCohort.WithGroup(Cohort, 0);
        var asB = PlantedProxyCohort.WithGroup(Cohort, 1);
        // The fitted model does move with the attribute, so invariance below is the operation's doing.
        Assert.True(model.LinearPredictor(asA).Zip(model.LinearPredictor(asB)).Max(p => Math.Abs(p.First - p.Second)) > 0.01);

        foreach (var edited in new[] { AttributeRemoval.Clean(model, "group"), AttributeRemoval.Blind(model, "group", Cohort) })
        {
            Assert.DoesNotContain(edited.Terms, t => t.Features.Contains("group"));
            var a = edited.LinearPredictor(asA);
            var b = edited.LinearPredictor(asB);
            Assert.Equal(a, b);
        }
    }

    [Fact]
    public void Blinding_a_main_effect_keeps_the_population_mean_score()
    {
        // Mains only: with pairs the mean moves, because the attribute and its proxy are dependent in the population.
        var model = WithAttribute(pairs: 0);
        var blinded = AttributeRemoval.Blind(model, "group", Cohort);
        // Averaging over the attribute's population distribution keeps the mean log-odds (the terms are additive).
        Assert.Equal(model.LinearPredictor(Cohort).Average(), blinded.LinearPredictor(Cohort).Average(), 6);
    }

    [Fact]
    public void Proxy_finder_names_the_planted_proxy()
    {
        var split = CohortSplit.Stratified(Cohort.Columns.First(c => c.Name == "died") is NumericColumn y ? y.Values.ToArray() : [], 0.25, 1);
        var groups = AllRows.Select(r => Cohort["group"].Format(r)).ToArray();
        var proxy = ProxyFinder.Find(Cohort, groups, ["lactate", "proxy", "bmi", "panel_x"], split, 5);
        Assert.Equal("proxy", proxy.TopTerms[0].Feature);
        Assert.True(proxy.AucLower > 0.7, $"proxy AUC {proxy.Auc:0.000}");
    }

    [Theory]
    [InlineData(ParityConstraint.DemographicParity)]
    [InlineData(ParityConstraint.EqualisedOdds)]
    public void Modified_loss_lowers_its_disparity_as_strength_grows(ParityConstraint constraint)
    {
        var report = FairnessComparison.Run(Cohort, "died", PlantedProxyCohort.Features, "group", null,
            new FairnessOptions { Seed = 11, BootstrapReplicates = 50, Constraint = constraint });
        double Disparity(TradeOffPoint p) => constraint == ParityConstraint.DemographicParity ? p.DemographicParity.Estimate : p.EqualisedOdds.Estimate;
        var d = report.TradeOff.Select(Disparity).ToArray();
        string curve = string.Join("; ", report.TradeOff.Select(p =>
            $"s={p.Strength} eps={p.Epsilon:0.000} dp={p.DemographicParity.Estimate:0.000} eo={p.EqualisedOdds.Estimate:0.000} rdp={p.RandomisedDemographicParity.Estimate:0.000} reo={p.RandomisedEqualisedOdds.Estimate:0.000} auc={p.Auc:0.000} cost={p.AucCost.Estimate:0.000} train={p.TrainingDisparity:0.000} m={p.Members}"));
        output.WriteLine(curve);
        Assert.True(d[^1] < d[0] - 0.1, curve);
        for (int i = 1; i < d.Length; i++) Assert.True(d[i] <= d[i - 1] + 0.03, curve);
        // The bound holds on the training rows, where the game was played (within the few rounds' slack).
        Assert.All(report.TradeOff, p => Assert.True(p.TrainingDisparity <= p.Epsilon + 0.05, curve));
        // The glass-box stand-in (expected-score GAM) treats the groups as the randomised mixture does.
        Assert.All(report.TradeOff, p => Assert.True(Math.Abs(p.DemographicParity.Estimate - p.RandomisedDemographicParity.Estimate) < 0.04, curve));
        // The expected GAM is calibrated on the training rows (slope fitted about the threshold), not flattened by averaging.
        var modified = report.Strategies.Single(s => s.Strategy == "modified loss").Metrics.Overall;
        Assert.InRange(modified.CalibrationSlope, 0.7, 1.4);
        // Fairness costs discrimination, and the cost is reported as a paired difference from strength 0.
        Assert.Equal(0, report.TradeOff[0].AucCost.Estimate, 12);
        Assert.True(report.TradeOff[^1].AucCost.Estimate < 0, curve);
    }

    [Fact]
    public void Comparison_reports_every_strategy_per_group_and_the_proxy_absorbing_a_removed_attribute()
    {
        var report = FairnessComparison.Run(Cohort, "died", PlantedProxyCohort.Features, "group", null,
            new FairnessOptions { Seed = 11, BootstrapReplicates = 50, CurveStrengths = [0, 1], Iterations = 4 });
        Assert.Equal(["as fitted", "remove", "train then clean", "test-time blinding", "modified loss", "reweighing"], report.Strategies.Select(s => s.Strategy));
        Assert.All(report.Strategies, s => Assert.Equal(2, s.Metrics.Groups.Count));
        // Removing the attribute leaves its signal to the proxy: the proxy's shape moves more than the noise column's.
        var moved = report.Strategies.Single(s => s.Strategy == "remove").ShapeShifts.ToDictionary(s => s.Term, s => s.MeanAbsoluteChange);
        Assert.True(moved["proxy"] > moved["panel_x"], $"proxy {moved["proxy"]:0.000}, panel_x {moved["panel_x"]:0.000}");
    }

    [Fact]
    public void The_modified_loss_game_is_played_on_the_training_rows_only()
    {
        var options = new FairnessOptions { Seed = 11, BootstrapReplicates = 20, CurveStrengths = [0, 0.5, 1], Iterations = 3 };
        var before = FairnessComparison.Run(Cohort, "died", PlantedProxyCohort.Features, "group", null, options);
        // Scramble the proxy on the held-out test rows (the comparison's own seeded split).
        var labels = ((NumericColumn)Cohort["died"]).Values.ToArray();
        var test = CohortSplit.Stratified(labels, options.TestFraction, options.Seed).Test;
        var proxy = ((NumericColumn)Cohort["proxy"]).Values.ToArray();
        var rng = new SeededRandom(2);
        foreach (int r in test) proxy[r] = 5 * rng.NextNormal();
        var after = FairnessComparison.Run(Cohort.With(new NumericColumn("proxy", proxy)), "died", PlantedProxyCohort.Features, "group", null, options);

        Assert.Equal(before.TradeOff.Select(p => (p.Epsilon, p.Members, p.TrainingDisparity)), after.TradeOff.Select(p => (p.Epsilon, p.Members, p.TrainingDisparity)));
        Assert.NotEqual(before.TradeOff.Select(p => p.Auc), after.TradeOff.Select(p => p.Auc)); // the test rows did change
    }

    [Fact]
    public void Every_strategy_class_takes_part_in_the_comparison_once_under_its_own_name()
    {
        // A new strategy is one new class: this fails if it is written but not added to the comparison.
        var classes = typeof(IFairnessStrategy).Assembly.GetTypes()
            .Where(t => typeof(IFairnessStrategy).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .OrderBy(t => t.Name).ToArray();
        Assert.Equal(classes, FairnessComparison.Strategies.Select(s => s.GetType()).OrderBy(t => t.Name));
        Assert.Equal(FairnessComparison.Strategies.Count, FairnessComparison.Strategies.Select(s => s.Name).Distinct().Count());
    }

    [Fact]
    public void Reweighing_at_full_strength_makes_the_outcome_rate_equal_across_groups_in_the_training_rows()
    {
        var labels = ((NumericColumn)Cohort["died"]).Values.ToArray();
        var groups = AllRows.Select(r => Cohort["group"].Format(r)).ToArray();
        var train = CohortSplit.Stratified(labels, 0.25, 4).Train;
        double Rate(double[] w, string g) =>
            train.Where(r => groups[r] == g).Sum(r => w[r] * labels[r]) / train.Where(r => groups[r] == g).Sum(r => w[r]);
        var names = groups.Distinct().ToArray();
        var unit = Enumerable.Repeat(1.0, labels.Length).ToArray();
        // The planted cohort's groups differ in outcome rate; full-strength weights remove the difference, half do part.
        Assert.True(Math.Abs(Rate(unit, names[0]) - Rate(unit, names[1])) > 0.02);
        var full = ReweighingStrategy.Weights(labels, groups, train, 1);
        Assert.Equal(Rate(full, names[0]), Rate(full, names[1]), 10);
        var half = ReweighingStrategy.Weights(labels, groups, train, 0.5);
        double halfGap = Math.Abs(Rate(half, names[0]) - Rate(half, names[1]));
        Assert.InRange(halfGap, 1e-6, Math.Abs(Rate(unit, names[0]) - Rate(unit, names[1])));
    }
}
