using System.Text.Json.Nodes;
using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Serialization;
using ClinicalGAM.Core.Serialization.InterpretMl;

namespace ClinicalGAM.Core.Tests.Serialization.InterpretMl;

/// <summary>The InterpretML format's corners, on small files written here (no Python needed).</summary>
public class InterpretMlJsonTests
{
    // A binary EBM as to_json writes it: x continuous (cuts 1, 2; bins missing, <1, [1,2), >=2, unknown),
    // c nominal with "a" and "b" grouped in one bin (bins missing, {a,b}, c, unknown), and the pair x & c.
    private const string Minimal = """
    {"version": "1.0", "ebm": {
      "outputs": [{"task": "classification", "classes": [0, 1], "link": "logit", "link_param": "nan"}],
      "intercept": [-1.5],
      "bagged_intercept": [-1.4, -1.6],
      "features": [
        {"name": "x", "type": "continuous", "num_unique_vals": 9, "cuts": [[1.0, 2.0]], "min": 0.0, "max": 3.0,
         "histogram_weights": [1, 2, 3]},
        {"name": "c", "type": "nominal", "num_unique_vals": 3, "categories": [[["a", "b"], "c"]]}],
      "terms": [
        {"term_features": ["x"], "scores": [0.5, -0.1, 0.2, 0.3, 9.0], "standard_deviations": [0, 0.1, 0.1, 0.1, 0],
         "bagged_scores": [[0.5, -0.2, 0.1, 0.2, 9.0], [0.5, 0.0, 0.3, 0.4, 9.0]], "bin_weights": [10, 20, 30, 40, 0]},
        {"term_features": ["c"], "scores": [0.05, 0.7, -0.4, 0.9], "standard_deviations": [0, 0, 0, 0],
         "bagged_scores": [[0.05, 0.7, -0.4, 0.9], [0.05, 0.7, -0.4, 0.9]], "bin_weights": [4, 60, 36, 0]},
        {"term_features": ["x", "c"],
         "scores": [[0, 0, 0, 0], [0, 0.01, 0.02, 0], [0, 0.03, 0.04, 0], [0, 0.05, 0.06, 0], [0, 0, 0, 0]],
         "bin_weights": [[1, 1, 1, 0], [2, 2, 2, 0], [3, 3, 3, 0], [4, 4, 4, 0], [0, 0, 0, 0]]}]
    }}
    """;

    private static GamModel Read(string json) => InterpretMlJson.Deserialize(json, "y");

    [Fact]
    public void Grouped_categories_share_their_bin_and_unseen_labels_take_the_unknown_bin()
    {
        var c = Read(Minimal).Term("c")!;
        Assert.Equal(["a", "b", "c"], c.Binnings[0].Levels);
        var cohort = new CohortTable([new CategoricalColumn("c", [0, 1, 2, 3, -1], ["a", "b", "c", "never_seen"])]);
        var cells = GamModel.BinColumn(c.Binnings[0], cohort);
        Assert.Equal([0.7, 0.7, -0.4, 0.9, 0.05], cells.Select(i => c.Scores[i]));
        // The group's weight is shared between its two categories: the total (and the importance) is unchanged.
        Assert.Equal([4, 30, 30, 36, 0], c.BinWeights);
    }

    [Fact]
    public void A_value_on_a_cut_falls_in_the_bin_above_and_the_numeric_unknown_bin_is_dropped()
    {
        var model = Read(Minimal);
        var x = model.Term("x")!;
        Assert.Equal(4, x.Scores.Length); // missing, 3 intervals; InterpretML's unknown bin (text in a number column) dropped
        var cohort = new CohortTable([
            new NumericColumn("x", [double.NaN, 0.5, 1.0, 1.5, 2.0, double.PositiveInfinity]),
            new CategoricalColumn("c", [2, 2, 2, 2, 2, 2], ["a", "b", "c"])]);
        var eta = model.LinearPredictor(cohort);
        // intercept + x + c("c") + pair(x, "c"); InterpretML's Discretize puts 1.0 in [1, 2), as ours does.
        double[] expected = [-1.5 + 0.5 - 0.4, -1.5 - 0.1 - 0.4 + 0.02, -1.5 + 0.2 - 0.4 + 0.04, -1.5 + 0.2 - 0.4 + 0.04,
                             -1.5 + 0.3 - 0.4 + 0.06, -1.5 + 0.3 - 0.4 + 0.06];
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], eta[i], 12);
        // The pair has no per-bag scores in this file, so no term keeps them (bags must add up to whole models).
        Assert.Null(model.BagIntercepts);
        Assert.All(model.Terms, t => Assert.Null(t.BagScores));
        Assert.Equal([0, 0.1, 0.1, 0.1], x.StandardDeviations);
    }

    [Fact]
    public void The_imported_model_says_where_it_came_from()
    {
        var model = Read(Minimal);
        Assert.Equal("interpretml", model.Info.Engine);
        Assert.Equal("y", model.Info.Outcome);
        Assert.Equal(Objective.LogLoss, model.Info.Objective);
        Assert.Equal(["x", "c"], model.Info.Features);
        Assert.Equal(100, model.Info.TrainingRows);
        Assert.Equal("1", model.Info.Settings["positive_class"]);
    }

    [Theory]
    [InlineData("regression", "regression model")]
    [InlineData("multiclass", "multiclass model")]
    [InlineData("probit", "link function is 'probit'")]
    [InlineData("short scores", "ebm.terms[0].scores has 4 entries, expected 5")]
    [InlineData("nan score", "ebm.terms[1].scores[2] is NaN")]
    [InlineData("three-way", "ebm.terms[2] has 3 features")]
    [InlineData("unknown feature", "uses feature 'z', which ebm.features does not list")]
    [InlineData("decreasing cuts", "ebm.features[0].cuts[0] is not strictly increasing")]
    [InlineData("newer version", "format version 2.0")]
    [InlineData("no ebm", "The file has no 'ebm'")]
    public void Unsupported_or_broken_files_are_refused_with_what_is_wrong(string change, string message)
    {
        var root = JsonNode.Parse(Minimal)!;
        var ebm = root["ebm"]!;
        var output = ebm["outputs"]![0]!;
        switch (change)
        {
            case "regression": output["task"] = "regression"; output["link"] = "identity"; output.AsObject().Remove("classes"); break;
            case "multiclass": output["classes"] = new JsonArray(0, 1, 2); output["link"] = "vlogit"; break;
            case "probit": output["link"] = "probit"; break;
            case "short scores": ebm["terms"]![0]!["scores"] = new JsonArray(0.1, 0.2, 0.3, 0.4); break;
            case "nan score": ebm["terms"]![1]!["scores"]![2] = "nan"; break;
            case "three-way": ebm["terms"]![2]!["term_features"] = new JsonArray("x", "c", "x"); break;
            case "unknown feature": ebm["terms"]![0]!["term_features"] = new JsonArray("z"); break;
            case "decreasing cuts": ebm["features"]![0]!["cuts"] = JsonNode.Parse("[[2.0, 1.0]]"); break;
            case "newer version": root["version"] = "2.0"; break;
            case "no ebm": root.AsObject().Remove("ebm"); break;
        }
        var e = Assert.Throws<GamModelFormatException>(() => Read(root.ToJsonString()));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Text_that_is_not_JSON_is_refused_with_its_line()
    {
        var e = Assert.Throws<GamModelFormatException>(() => Read("{\"version\": \"1.0\",\n  \"ebm\": {\"outputs\": [}"));
        Assert.Contains("not valid JSON (line 2", e.Message);
    }

    [Fact]
    public void Only_binary_models_with_finite_numbers_are_written()
    {
        var model = Read(Minimal);
        var rmse = new GamModel(model.Info with { Objective = Objective.Rmse }, model.Intercept, model.Terms);
        Assert.Contains("objective is Rmse", Assert.Throws<GamModelFormatException>(() => InterpretMlJson.Serialize(rmse)).Message);

        var x = model.Term("x")!;
        var scores = (double[])x.Scores.Clone();
        scores[2] = double.NaN;
        var broken = new GamModel(model.Info, model.Intercept,
            [new GamTerm("x", x.Binnings, scores, x.StandardDeviations, x.BinWeights), .. model.Terms.Skip(1)]);
        Assert.Contains("term 'x' score in cell 2 is NaN", Assert.Throws<GamModelFormatException>(() => InterpretMlJson.Serialize(broken)).Message);
    }

    [Fact]
    public void Pairs_that_bin_a_feature_differently_are_written_on_the_union_of_their_cuts_and_score_the_same()
    {
        var rng = new Random(3);
        FeatureBinning X(params double[] cuts) => new() { Feature = "x", Kind = BinningKind.Continuous, Cuts = cuts, Min = 0, Max = 4 };
        var c = new FeatureBinning { Feature = "c", Kind = BinningKind.Nominal, Levels = ["a", "b"] };
        var c2 = c with { Levels = ["b", "d"] };
        var z = new FeatureBinning { Feature = "z", Kind = BinningKind.Continuous, Cuts = [0.5], Min = 0, Max = 1 };
        GamTerm Term(string name, params FeatureBinning[] b)
        {
            int cells = b.Aggregate(1, (n, f) => n * f.BinCount);
            double[] R() => Enumerable.Range(0, cells).Select(_ => rng.NextDouble() - 0.5).ToArray();
            return new GamTerm(name, b, R(), R().Select(Math.Abs).ToArray(), R().Select(v => Math.Round(10 + 20 * v)).ToArray(), [R(), R()]);
        }
        var model = new GamModel(new ModelInfo { Engine = "ebm", Outcome = "y", Features = ["x", "c", "z"], Seed = 4 }, -0.7,
            [Term("x", X(1, 2, 3)), Term("c", c), Term("x & c", X(2), c), Term("x & z", X(1.5, 3), z), Term("c & z", c2, z)],
            [-0.6, -0.8]);

        var back = InterpretMlJson.Deserialize(InterpretMlJson.Serialize(model), "y");
        var x = Enumerable.Range(0, 400).Select(i => i % 37 == 0 ? double.NaN : 4.0 * rng.NextDouble()).ToArray();
        x[1] = 1.5; x[2] = 2; x[3] = 3; x[4] = 1;
        var cohort = new CohortTable([
            new NumericColumn("x", x),
            new CategoricalColumn("c", x.Select((_, i) => i % 5 - 1).ToArray(), ["a", "b", "d", "e"]),
            new NumericColumn("z", x.Select(_ => rng.NextDouble()).ToArray())]);
        Assert.Equal(model.LinearPredictor(cohort), back.LinearPredictor(cohort));
        // Each term's weight is kept in total, and its bags still average to its scores where they did.
        for (int t = 0; t < model.Terms.Count; t++)
            Assert.Equal(model.Terms[t].BinWeights.Sum(), back.Terms[t].BinWeights.Sum(), 9);
        Assert.Equal(model.BagIntercepts, back.BagIntercepts);
    }

    [Fact]
    public void Derived_feature_formulas_travel_with_the_export_for_the_Python_user_to_compute()
    {
        var model = Read(Minimal);
        var derived = new GamModel(model.Info with { DerivedFeatures = [new ClinicalGAM.Core.Data.Derived.DerivedFeature("x", "a / b")] },
            model.Intercept, model.Terms);
        var json = JsonNode.Parse(InterpretMlJson.Serialize(derived))!;
        Assert.Equal("a / b", (string?)json["ebm"]!["implementation_params"]!["derived_features"]!["x"]);
        Assert.Equal("clinicalgam", (string?)json["ebm"]!["implementation"]);
    }
}
