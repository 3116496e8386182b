using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Diagnostics.Goodhart;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Tests.Diagnostics.Goodhart;

public class TemporalDriftDetectorTests
{
    /// <summary>
    /// A cohort over 2012-2023 where marker A's effect (risk rises above 5) vanishes from 2018, marker B's stays,
    /// and a model whose terms are the pooled truths (as a fit on all years would give).
    /// </summary>
    private static GoodhartContext Cohort(int rows, int seed, int policyYear = 2018)
    {
        var rng = new Random(seed);
        var year = new double[rows]; var a = new double[rows]; var b = new double[rows]; var y = new double[rows];
        double EffectA(double x) => x > 5 ? 1.2 * (x - 5) / 5 : 0;
        double EffectB(double x) => 0.15 * (x - 5);
        for (int i = 0; i < rows; i++)
        {
            year[i] = 2012 + rng.Next(12);
            a[i] = 10 * rng.NextDouble();
            b[i] = 10 * rng.NextDouble();
            double eta = -2.5 + (year[i] < policyYear ? EffectA(a[i]) : 0) + EffectB(b[i]);
            y[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-eta)) ? 1 : 0;
        }
        var data = new CohortTable([new NumericColumn("year", year, ColumnKind.Numeric), new NumericColumn("marker_a", a),
            new NumericColumn("marker_b", b), new NumericColumn("event", y, ColumnKind.Binary)]);
        double share = Math.Clamp((policyYear - 2012) / 12.0, 0, 1);
        var termA = HandBuiltTerms.Build("marker_a", x => share * EffectA(x) - 0.3, seed, from: 0.5, to: 10, step: 0.5);
        var termB = HandBuiltTerms.Build("marker_b", x => EffectB(x), seed + 1, from: 0.5, to: 10, step: 0.5);
        return new GoodhartContext
        {
            Model = HandBuiltTerms.Model("event", termA, termB),
            Data = data,
            Options = new GoodhartOptions { TimeColumn = "year" },
        };
    }

    [Theory]
    [InlineData(20_000, 1)]
    [InlineData(20_000, 2)]
    public void Fading_effect_is_flagged_at_the_policy_year_and_a_stable_one_is_not(int rows, int seed)
    {
        var flags = new TemporalDriftDetector().Detect(Cohort(rows, seed));

        var flag = Assert.Single(flags);
        Assert.Equal("marker_a", flag.Feature);
        Assert.Equal(GoodhartKind.Temporal, flag.Kind);
        Assert.InRange(flag.At, 2017, 2019);
        Assert.True(flag.Effect < 0 && flag.EffectHigh < 0);
        Assert.Contains("marker_a", flag.Message);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Effects_that_never_change_are_not_flagged(int seed)
    {
        var flags = new TemporalDriftDetector().Detect(Cohort(20_000, seed, policyYear: 2100));

        Assert.Empty(flags);
    }

    /// <summary>
    /// Informative missingness whose meaning changes over time: marker C is recorded for 35% of patients, who
    /// before 2018 were the sicker ones (+0.8 log-odds) and from 2018 (testing broadened) barely so (+0.1); its shape
    /// over recorded values (a gentle slope) never changes. The model's curve for C sits above its missing bin, as a
    /// pooled fit learns. Marker A's effect fades from 2018, recorded for everybody.
    /// </summary>
    private static GoodhartContext CohortWithChangingTesting(int rows, int seed)
    {
        var rng = new Random(seed);
        var year = new double[rows]; var a = new double[rows]; var c = new double[rows]; var y = new double[rows];
        double EffectA(double x) => x > 5 ? 1.2 * (x - 5) / 5 : 0;
        double ShapeC(double x) => 0.1 * (x - 5);
        for (int i = 0; i < rows; i++)
        {
            year[i] = 2012 + rng.Next(12);
            a[i] = 10 * rng.NextDouble();
            double xc = 10 * rng.NextDouble();
            bool recorded = rng.NextDouble() < 0.35;
            c[i] = recorded ? xc : double.NaN;
            double eta = -2.5 + (year[i] < 2018 ? EffectA(a[i]) : 0) + (recorded ? (year[i] < 2018 ? 0.8 : 0.1) + ShapeC(xc) : 0);
            y[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-eta)) ? 1 : 0;
        }
        var data = new CohortTable([new NumericColumn("year", year, ColumnKind.Numeric), new NumericColumn("marker_a", a),
            new NumericColumn("marker_c", c), new NumericColumn("event", y, ColumnKind.Binary)]);
        var termA = HandBuiltTerms.Build("marker_a", x => 0.5 * EffectA(x) - 0.3, seed, from: 0.5, to: 10, step: 0.5);
        // Missing bin at 0; recorded bins carry the pooled level of the recorded group (0.45) plus the shape.
        var termC = HandBuiltTerms.Build("marker_c", x => 0.45 + ShapeC(x), seed + 1, from: 0.5, to: 10, step: 0.5);
        return new GoodhartContext
        {
            Model = HandBuiltTerms.Model("event", termA, termC),
            Data = data,
            Options = new GoodhartOptions { TimeColumn = "year" },
        };
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_change_in_who_gets_tested_is_not_read_as_the_biomarker_fading(int seed)
    {
        var flags = new TemporalDriftDetector().Detect(CohortWithChangingTesting(20_000, seed));

        // The recorded group's risk level fell, its shape did not: only marker A is flagged.
        var flag = Assert.Single(flags);
        Assert.Equal("marker_a", flag.Feature);
        Assert.InRange(flag.At, 2017, 2019);
    }

    [Fact]
    public void Scan_uses_only_rows_where_the_biomarker_is_recorded()
    {
        var context = CohortWithChangingTesting(2_000, 1);
        int[] all = Enumerable.Range(0, 2_000).ToArray();
        var values = ((NumericColumn)context.Data!["marker_c"]).Values.ToArray();

        var recorded = TemporalDriftDetector.RecordedRows(context.Model, context.Data, 1, all);

        Assert.Equal(all.Where(i => !double.IsNaN(values[i])), recorded);
        Assert.InRange(recorded.Length, 500, 900);
    }

    [Fact]
    public void Effect_range_ignores_a_sparse_extreme_bin()
    {
        var term = HandBuiltTerms.Build("marker", x => 0.1 * x, seed: 1, from: 0.5, to: 10, step: 0.5, noise: 0);
        var weights = (double[])term.BinWeights.Clone();
        var scores = (double[])term.Scores.Clone();
        // Two patients at the top with a wild score (as boosting leaves on a near-empty bin).
        weights[^1] = 2;
        scores[^1] = 5;
        var sparse = new GamTerm(term.Name, term.Binnings, scores, term.StandardDeviations, weights, null);

        double range = TemporalDriftDetector.ObservedRange(sparse);

        Assert.InRange(range, 0.8, 1.0);
    }

    [Fact]
    public void Biomarkers_that_guide_treatment_weigh_more_in_the_false_discovery_step()
    {
        var detector = new TemporalDriftDetector();
        var platelets = HandBuiltTerms.Build("platelets", x => 0, seed: 1, from: 5, to: 400, step: 5);
        var unknown = HandBuiltTerms.Build("marker_b", x => 0, seed: 1, from: 5, to: 400, step: 5);

        Assert.Equal(detector.TreatmentGuidingPriorWeight, detector.Prior(platelets, ClinicalCutoffLibrary.Default));
        Assert.Equal(1, detector.Prior(unknown, ClinicalCutoffLibrary.Default));
        Assert.Equal(1, detector.Prior(platelets, ClinicalCutoffLibrary.Empty));
        Assert.True(detector.TreatmentGuidingPriorWeight > 1);
    }

    [Fact]
    public void Without_a_time_column_nothing_is_tested()
    {
        var context = Cohort(2_000, 3) with { Options = new GoodhartOptions() };

        Assert.Empty(new TemporalDriftDetector().Detect(context));
    }

    [Fact]
    public void Change_candidates_leave_enough_rows_on_both_sides()
    {
        double[] period = [2010, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018];
        int[] rows = Enumerable.Range(0, period.Length).ToArray();

        var candidates = TemporalDriftDetector.ChangeCandidates(period, rows, 0.2);

        Assert.Equal([2011.0, 2012, 2013, 2014, 2015, 2016, 2017], candidates);
    }

    [Fact]
    public void Per_period_refits_give_curves_and_the_flattened_range()
    {
        var context = Cohort(20_000, 4);
        var trainer = new BinMeanTrainer();

        var flag = Assert.Single(new TemporalDriftDetector(trainer) { RefitBags = 4 }.Detect(context));

        Assert.NotNull(flag.Periods);
        Assert.Equal(2, flag.Periods!.Count);
        // One refit, the flagged marker split into its two periods.
        Assert.Equal(1, trainer.Fits);
        Assert.Contains(TemporalDriftDetector.AfterColumn("marker_a"), trainer.LastFeatures);
        Assert.DoesNotContain("marker_a", trainer.LastFeatures);
        // The effect lived above 5; that is where the two periods' curves part.
        Assert.InRange(flag.RangeLow, 5, 9);
        Assert.True(flag.Periods[0].Importance > flag.Periods[1].Importance);
    }

    /// <summary>
    /// A stand-in engine for the refits: each term is the bag-wise log-odds of the outcome per bin (bags are random
    /// halves), which is what an additive fit gives when features are independent.
    /// </summary>
    private sealed class BinMeanTrainer : IGamTrainer
    {
        public int Fits { get; private set; }
        public IReadOnlyList<string> LastFeatures { get; private set; } = [];
        public string Name => "bin-mean";

        public GamModel Fit(CohortTable cohort, ModelSpecification specification, int[] trainingRows,
            IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            Fits++;
            LastFeatures = specification.Features;
            var y = ((NumericColumn)cohort[specification.Outcome]).Values.ToArray();
            var terms = new List<GamTerm>();
            int bags = specification.Bags ?? 4;
            var rng = new Random(specification.Seed);
            var inBag = Enumerable.Range(0, bags).Select(_ => trainingRows.Where(_ => rng.NextDouble() < 0.85).ToArray()).ToArray();
            foreach (var feature in specification.Features)
            {
                var binning = new FeatureBinning { Feature = feature, Kind = BinningKind.Continuous, Cuts = Enumerable.Range(1, 19).Select(i => i * 0.5).ToArray() };
                var x = ((NumericColumn)cohort[feature]).Values.ToArray();
                var bagScores = new double[bags][];
                var weights = new double[binning.BinCount];
                foreach (int i in trainingRows) weights[binning.BinOf(x[i])]++;
                for (int b = 0; b < bags; b++)
                {
                    var events = new double[binning.BinCount]; var n = new double[binning.BinCount];
                    foreach (int i in inBag[b]) { int bin = binning.BinOf(x[i]); n[bin]++; events[bin] += y[i]; }
                    var s = new double[binning.BinCount];
                    for (int k = 1; k < s.Length; k++) s[k] = Math.Log((events[k] + 0.5) / (n[k] - events[k] + 0.5));
                    double mean = Enumerable.Range(1, s.Length - 1).Sum(k => s[k] * weights[k]) / weights.Sum();
                    for (int k = 1; k < s.Length; k++) s[k] -= mean;
                    bagScores[b] = s;
                }
                terms.Add(HandBuiltTerms.FromBags(binning, weights, bagScores));
            }
            return new GamModel(new ModelInfo { Outcome = specification.Outcome, Features = specification.Features.ToArray() }, 0, terms);
        }
    }
}
