using System.Text.Json;
using ClinicalGAM.Core.Modeling;
using static ClinicalGAM.Core.Serialization.InterpretMl.InterpretMlValues;

namespace ClinicalGAM.Core.Serialization.InterpretMl;

/// <summary>
/// Turns the JSON that InterpretML's <c>ebm.to_json(file)</c> writes (format "1.0": an "ebm" object with outputs,
/// intercept, features and terms) into a <see cref="GamModel"/> that scores exactly as InterpretML's predict_proba.
/// Binary classifiers with the logit link only; anything else is refused with a message saying what the file is.
/// </summary>
internal static class InterpretMlReader
{
    private static readonly HashSet<string> RegressionLinks = ["identity", "log", "inverse", "inverse_square", "sqrt", "power"];
    private static readonly HashSet<string> MulticlassLinks = ["mlogit", "vlogit"];

    public static GamModel Read(JsonElement root, string outcome)
    {
        if (root.ValueKind != JsonValueKind.Object) throw Error("the file must hold a JSON object.");
        if (Optional(root, "version") is { } v && String(v, "version") is var version && !version.StartsWith("1.", StringComparison.Ordinal))
            throw Error($"the file is InterpretML JSON format version {version}; ClinicalGAM reads version 1.x.");
        var ebm = Required(root, "ebm", "The file");

        var classes = ReadOutput(ebm);
        var intercepts = FiniteList(Required(ebm, "intercept", "ebm"), "ebm.intercept");
        if (intercepts.Length != 1)
            throw Error($"ebm.intercept has {intercepts.Length} values: a multiclass model. ClinicalGAM imports binary classifiers.");
        var bagIntercepts = Optional(ebm, "bagged_intercept") is { } bi ? BagIntercepts(bi) : null;

        var features = new Dictionary<string, InterpretMlFeature>(StringComparer.Ordinal);
        var order = new List<string>();
        int f = 0;
        foreach (var json in Array(Required(ebm, "features", "ebm"), "ebm.features").EnumerateArray())
        {
            var feature = InterpretMlFeature.Read(json, $"ebm.features[{f++}]");
            if (!features.TryAdd(feature.Name, feature)) throw Error($"feature '{feature.Name}' is listed twice.");
            order.Add(feature.Name);
        }

        var terms = new List<GamTerm>();
        int t = 0;
        foreach (var json in Array(Required(ebm, "terms", "ebm"), "ebm.terms").EnumerateArray())
            terms.Add(ReadTerm(json, $"ebm.terms[{t++}]", features, bagIntercepts?.Length));
        if (terms.Count == 0) throw Error("ebm.terms is empty.");
        // Per-bag scores are kept only when every term has them and the bag intercepts are known.
        if (bagIntercepts is null || terms.Any(term => term.BagScores is null))
        {
            bagIntercepts = null;
            terms = terms.Select(term => term.BagScores is null ? term
                : new GamTerm(term.Name, term.Binnings, term.Scores, term.StandardDeviations, term.BinWeights)).ToList();
        }

        var used = terms.SelectMany(term => term.Features).ToHashSet(StringComparer.Ordinal);
        var info = new ModelInfo
        {
            Engine = InterpretMlJson.EngineName,
            Outcome = outcome,
            Objective = Objective.LogLoss,
            Seed = Parameters(ebm).TryGetValue("random_state", out var seed) && int.TryParse(seed, out int s) ? s : 0,
            Features = order.Where(used.Contains).ToArray(),
            TrainingRows = (int)Math.Round(terms[0].BinWeights.Sum()),
            Settings = Settings(ebm, classes),
        };
        return new GamModel(info, intercepts[0], terms, bagIntercepts);
    }

    // Returns the two class labels; refuses regression, multiclass and links other than logit.
    private static string[] ReadOutput(JsonElement ebm)
    {
        var outputs = Array(Required(ebm, "outputs", "ebm"), "ebm.outputs");
        if (outputs.GetArrayLength() != 1)
            throw Error($"ebm.outputs has {outputs.GetArrayLength()} entries; ClinicalGAM imports single-output models.");
        var output = outputs[0];
        string link = String(Required(output, "link", "ebm.outputs[0]"), "ebm.outputs[0].link");
        string? task = Optional(output, "task") is { } tk ? String(tk, "ebm.outputs[0].task") : null;
        if (task == "regression" || RegressionLinks.Contains(link))
            throw Error($"it is a regression model (link '{link}'). ClinicalGAM imports binary classifiers (link 'logit').");
        var classes = Optional(output, "classes") is { } c
            ? Array(c, "ebm.outputs[0].classes").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToArray()
            : throw Error("ebm.outputs[0] has no 'classes'.");
        if (classes.Length > 2 || MulticlassLinks.Contains(link))
            throw Error($"it is a multiclass model ({classes.Length} classes, link '{link}'). ClinicalGAM imports binary classifiers.");
        if (link != "logit")
            throw Error($"its link function is '{link}'. ClinicalGAM imports binary classifiers with the logit link only.");
        if (classes.Length != 2)
            throw Error($"a binary classifier needs two classes; ebm.outputs[0].classes has {classes.Length}.");
        return classes;
    }

    private static double[] BagIntercepts(JsonElement e)
    {
        Array(e, "ebm.bagged_intercept");
        // Multiclass files hold one list per bag; a binary file one number per bag.
        if (e.EnumerateArray().Any(x => x.ValueKind == JsonValueKind.Array))
            throw Error("ebm.bagged_intercept holds lists: a multiclass model. ClinicalGAM imports binary classifiers.");
        return FiniteList(e, "ebm.bagged_intercept");
    }

    private static GamTerm ReadTerm(JsonElement json, string where, Dictionary<string, InterpretMlFeature> features, int? bags)
    {
        var names = Array(Required(json, "term_features", where), $"{where}.term_features").EnumerateArray()
            .Select((n, i) => String(n, $"{where}.term_features[{i}]")).ToArray();
        if (names.Length is < 1 or > 2)
            throw Error($"{where} has {names.Length} features; ClinicalGAM models hold main effects and pairs only.");
        var axes = names.Select(n => features.TryGetValue(n, out var feature)
            ? feature.Axis(names.Length)
            : throw Error($"{where} uses feature '{n}', which ebm.features does not list.")).ToArray();
        int[] shape = axes.Select(a => a.FileBins).ToArray();
        var tensor = new TermTensor(shape, axes.Select(a => a.Map).ToArray());

        var scores = tensor.Values(Tensor(Required(json, "scores", where), shape, $"{where}.scores"));
        var sd = Optional(json, "standard_deviations") is { } s
            ? tensor.Values(Tensor(s, shape, $"{where}.standard_deviations")) : new double[tensor.NewCells];
        var weights = Optional(json, "bin_weights") is { } w
            ? tensor.Weights(Tensor(w, shape, $"{where}.bin_weights")) : new double[tensor.NewCells];
        double[][]? bagScores = null;
        if (Optional(json, "bagged_scores") is { } b)
        {
            Array(b, $"{where}.bagged_scores");
            bagScores = b.EnumerateArray().Select((bag, i) => tensor.Values(Tensor(bag, shape, $"{where}.bagged_scores[{i}]"))).ToArray();
            if (bags is { } n && bagScores.Length != n)
                throw Error($"{where}.bagged_scores has {bagScores.Length} bags but ebm.bagged_intercept has {n}.");
        }
        return new GamTerm(string.Join(" & ", names), axes.Select(a => a.Binning).ToArray(), scores, sd, weights, bagScores);
    }

    private static Dictionary<string, string> Parameters(JsonElement ebm)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Optional(ebm, "implementation_params") is not { ValueKind: JsonValueKind.Object } p) return result;
        foreach (var property in p.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Null) continue;
            // Lists and objects compacted (the file is indented), so a setting reads on one line.
            string text = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : JsonSerializer.Serialize(property.Value);
            result[property.Name] = text.Length <= 80 ? text : text[..77] + "...";
        }
        return result;
    }

    // Shown in reports: where the model came from and what it was fitted with.
    private static Dictionary<string, string> Settings(JsonElement ebm, string[] classes)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["source"] = "InterpretML to_json",
            ["positive_class"] = classes[1],
            ["classes"] = string.Join(", ", classes),
        };
        if (Optional(ebm, "implementation") is { ValueKind: JsonValueKind.String } impl) settings["implementation"] = impl.GetString()!;
        foreach (var (key, value) in Parameters(ebm)) settings[key] = value;
        return settings;
    }
}
