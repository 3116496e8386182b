using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Ebm;
using ClinicalGAM.Core.Serialization.InterpretMl;
using Xunit.Abstractions;

namespace ClinicalGAM.Core.Tests.Serialization.InterpretMl;

/// <summary>
/// Our import and export against InterpretML itself: its to_json read here must score every row as its predict_proba
/// does, and our models written in its format must score in InterpretML as they do here, both to 1e-9.
/// </summary>
[Trait("Category", "InterpretML")]
public class InterpretMlPeerTests(InterpretMlFits fits, ITestOutputHelper output) : IClassFixture<InterpretMlFits>
{
    private const double Tolerance = 1e-9;

    [Theory]
    [InlineData("pima")]
    [InlineData("smm")]
    public void An_InterpretML_model_imported_here_scores_every_row_as_its_predict_proba(string dataset)
    {
        var fit = fits[dataset];
        var model = Import(fit);
        var cohort = CohortCsvReader.Read(fit.DataPath);
        var ours = model.Predict(cohort);

        Assert.Equal(fit.Probabilities.Length, ours.Length);
        double max = MaxDifference(ours, fit.Probabilities, out int worst);
        output.WriteLine($"{dataset}: {ours.Length} rows, {model.Terms.Count} terms, max |ours - predict_proba| = {max:E2}");
        Assert.True(max <= Tolerance, $"row {worst}: ours {ours[worst]:R}, InterpretML {fit.Probabilities[worst]:R}");
        Assert.Contains(model.Terms, t => t.IsInteraction);
    }

    [Fact]
    public void The_categorical_import_reaches_the_missing_and_the_unseen_category_bins_and_pairs_with_categories()
    {
        var model = Import(fits.Smm);
        var cohort = CohortCsvReader.Read(fits.Smm.DataPath);
        var cells = model.CellIndices(cohort);
        int insurance = model.Terms.ToList().FindIndex(t => t.Name == "insurance");
        int mode = model.Terms.ToList().FindIndex(t => t.Name == "delivery_mode");
        var unseen = model.Terms[insurance].Binnings[0].UnseenBin;
        // The held-out label "self_pay_new_label" lands in the unseen bin; blanked modes in the missing bin.
        Assert.Equal(100, cells[insurance].Count(c => c == unseen));
        Assert.True(cells[mode].Count(c => c == 0) > 50);
        Assert.Contains(model.Terms, t => t.IsInteraction && t.Binnings.Any(b => b.Kind == BinningKind.Nominal));
    }

    [Fact]
    public void Per_bag_scores_spreads_and_weights_land_on_the_same_cells()
    {
        var model = Import(fits.Smm);
        Assert.Equal(3, model.BagIntercepts!.Length);
        foreach (var term in model.Terms)
        {
            // InterpretML's standard deviation is the spread of its bags' scores: recomputed from our cells it must agree.
            for (int c = 0; c < term.Scores.Length; c++)
            {
                double mean = term.BagScores!.Average(b => b[c]);
                double sd = Math.Sqrt(term.BagScores!.Average(b => (b[c] - mean) * (b[c] - mean)));
                Assert.True(Math.Abs(sd - term.StandardDeviations[c]) < 1e-9, $"{term.Name} cell {c}: sd {term.StandardDeviations[c]} vs bags {sd}");
            }
            // Every training row is in exactly one cell of every term.
            Assert.Equal(fits.Smm.TrainingRows, term.BinWeights.Sum(), 6);
        }
    }

    [Theory]
    [InlineData("pima", "diabetes")]
    [InlineData("smm", "smm")]
    public void Our_fitted_model_exported_scores_the_same_in_InterpretML(string dataset, string outcome)
    {
        var fit = fits[dataset];
        var cohort = CohortCsvReader.Read(fit.DataPath);
        var spec = new ModelSpecification
        {
            Outcome = outcome,
            Features = cohort.Columns.Select(c => c.Name).Where(n => n != outcome).ToArray(),
            Bags = 2,
            Interactions = 3,
            Seed = 11,
            // An ordered category too (InterpretML's "ordinal" type); its held-out rows carry a label never seen in fitting.
            Ordinal = dataset == "smm"
                ? new Dictionary<string, string[]> { ["insurance"] = ["uninsured", "medicaid", "other", "private"] }
                : new Dictionary<string, string[]>(),
        };
        var model = new EbmTrainer().Fit(cohort, spec, Enumerable.Range(0, fit.TrainingRows).ToArray());
        Assert.Contains(model.Terms, t => t.IsInteraction);
        if (dataset == "smm") Assert.Equal(BinningKind.Ordinal, model.Term("insurance")!.Binnings[0].Kind);

        var theirs = ScoreInInterpretMl(model, fit.DataPath, $"ours-{dataset}");
        var ours = model.Predict(cohort);
        double max = MaxDifference(ours, theirs, out int worst);
        output.WriteLine($"{dataset}: our model ({model.Terms.Count} terms) in InterpretML, max |ours - InterpretML| = {max:E2}");
        Assert.True(max <= Tolerance, $"row {worst}: ours {ours[worst]:R}, InterpretML {theirs[worst]:R}");
    }

    [Fact]
    public void An_imported_model_exported_again_scores_in_InterpretML_as_the_original()
    {
        var model = Import(fits.Smm);
        var again = ScoreInInterpretMl(model, fits.Smm.DataPath, "reexport-smm");
        double max = MaxDifference(again, fits.Smm.Probabilities, out int worst);
        output.WriteLine($"smm: InterpretML -> ClinicalGAM -> InterpretML, max |difference| = {max:E2}");
        Assert.True(max <= Tolerance, $"row {worst}");
    }

    private static GamModel Import(InterpretMlFits.Fit fit)
    {
        using var file = File.OpenRead(fit.ModelPath);
        return InterpretMlJson.Read(file, fit.Outcome);
    }

    private double[] ScoreInInterpretMl(GamModel model, string data, string name)
    {
        string json = Path.Combine(fits.WorkDirectory, name + ".json"), scores = Path.Combine(fits.WorkDirectory, name + ".csv");
        using (var file = File.Create(json)) InterpretMlJson.Write(model, file);
        InterpretMlPeer.Run("interpretml_score.py", json, data, scores);
        return InterpretMlPeer.ReadProbabilities(scores);
    }

    private static double MaxDifference(double[] a, double[] b, out int worst)
    {
        Assert.Equal(a.Length, b.Length);
        double max = 0; worst = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = Math.Abs(a[i] - b[i]);
            if (!(d <= max)) { max = d; worst = i; }
        }
        return max;
    }
}
