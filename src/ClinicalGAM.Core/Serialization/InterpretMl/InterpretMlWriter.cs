using System.Globalization;
using System.Text.Json;
using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Serialization.InterpretMl;

/// <summary>
/// Writes a binary <see cref="GamModel"/> as InterpretML's model JSON (format "1.0", as <c>ebm.to_json</c> writes it),
/// so that InterpretML's scoring of the file gives our probabilities. Per feature, InterpretML keeps one binning for
/// main effects and one for pairs; when our pair terms bin a feature differently from each other, the pairs are
/// written on the union of their cuts (or levels), which scores every row exactly as before.
/// Every number is checked finite first: a model with NaN or infinity is refused, never written.
/// </summary>
internal static class InterpretMlWriter
{
    public static void Write(GamModel model, Utf8JsonWriter w)
    {
        Check(model);
        var features = InterpretMlFeatureLevels.Plan(model);
        double total = model.Terms[0].BinWeights.Sum();

        w.WriteStartObject();
        w.WriteString("version", "1.0");
        w.WriteStartObject("ebm");

        w.WriteStartArray("outputs");
        w.WriteStartObject();
        w.WriteString("task", "classification");
        w.WriteStartArray("classes");
        WriteClasses(w, model.Info.Settings);
        w.WriteEndArray();
        w.WriteString("link", "logit");
        w.WriteString("link_param", "nan"); // InterpretML's own spelling: the logit link has no parameter
        w.WriteEndObject();
        w.WriteEndArray();

        w.WriteStartArray("intercept");
        w.WriteNumberValue(model.Intercept);
        w.WriteEndArray();
        var bagIntercepts = model.BagIntercepts ?? (model.Terms.All(t => t.BagScores is null) ? [model.Intercept] : null);
        if (bagIntercepts is not null) WriteList(w, "bagged_intercept", bagIntercepts);
        int bags = model.Terms[0].BagScores?.Length ?? 1;
        WriteList(w, "bag_weights", Enumerable.Repeat(total, bags).ToArray());
        w.WriteStartArray("best_iteration"); // not kept by our models; InterpretML's loader wants the key
        w.WriteEndArray();

        w.WriteString("implementation", "clinicalgam");
        w.WriteStartObject("implementation_params");
        w.WriteString("engine", model.Info.Engine);
        w.WriteNumber("random_state", model.Info.Seed);
        foreach (var (key, value) in model.Info.Settings.Where(s => s.Key is not ("engine" or "random_state")).OrderBy(s => s.Key, StringComparer.Ordinal))
            w.WriteString(key, value);
        // InterpretML cannot compute a derived column: the Python user must, so the formulas travel with the model.
        if (model.Info.DerivedFeatures.Count > 0)
        {
            w.WriteStartObject("derived_features");
            foreach (var d in model.Info.DerivedFeatures) w.WriteString(d.Name, d.Formula);
            w.WriteEndObject();
        }
        w.WriteEndObject();

        w.WriteStartArray("features");
        foreach (var (name, levels) in features) WriteFeature(w, model, name, levels);
        w.WriteEndArray();

        w.WriteStartArray("terms");
        foreach (var term in model.Terms) WriteTerm(w, term, features);
        w.WriteEndArray();

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Check(GamModel model)
    {
        if (model.Info.Objective != Objective.LogLoss)
            throw new GamModelFormatException(
                $"Only binary classifiers (log-loss) can be written in InterpretML's format; this model's objective is {model.Info.Objective}.");
        if (model.Terms.Count == 0) throw new GamModelFormatException("The model has no terms to write.");
        void Finite(double v, string what)
        {
            if (!double.IsFinite(v))
                throw new GamModelFormatException($"The model cannot be written in InterpretML's format: {what} is {v.ToString(CultureInfo.InvariantCulture)}.");
        }
        Finite(model.Intercept, "the intercept");
        for (int b = 0; b < (model.BagIntercepts?.Length ?? 0); b++) Finite(model.BagIntercepts![b], $"bag {b}'s intercept");
        foreach (var t in model.Terms)
        {
            for (int c = 0; c < t.Scores.Length; c++)
            {
                Finite(t.Scores[c], $"term '{t.Name}' score in cell {c}");
                Finite(t.StandardDeviations[c], $"term '{t.Name}' standard deviation in cell {c}");
                Finite(t.BinWeights[c], $"term '{t.Name}' weight in cell {c}");
            }
            for (int b = 0; b < (t.BagScores?.Length ?? 0); b++)
                for (int c = 0; c < t.Scores.Length; c++) Finite(t.BagScores![b][c], $"term '{t.Name}' bag {b} score in cell {c}");
            foreach (var binning in t.Binnings)
                foreach (var cut in binning.Cuts) Finite(cut, $"a cut of '{binning.Feature}'");
        }
    }

    private static void WriteFeature(Utf8JsonWriter w, GamModel model, string name, FeatureBinning[] levels)
    {
        var main = model.Terms.FirstOrDefault(t => t.Features.Contains(name));
        var kind = levels[0].Kind;
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString("type", kind switch { BinningKind.Continuous => "continuous", BinningKind.Ordinal => "ordinal", _ => "nominal" });
        var (missing, present, occupied) = Marginal(main!, name);
        // InterpretML counts distinct training values; our models keep bins, so the occupied bins (a lower bound) stand in.
        w.WriteNumber("num_unique_vals", kind == BinningKind.Continuous ? occupied : levels[0].Levels.Length);
        if (kind == BinningKind.Continuous)
        {
            w.WriteStartArray("cuts");
            foreach (var level in levels) WriteValues(w, level.Cuts);
            w.WriteEndArray();
            var first = levels[0];
            if (double.IsFinite(first.Min)) w.WriteNumber("min", first.Min);
            if (double.IsFinite(first.Max)) w.WriteNumber("max", first.Max);
            // One histogram bin over [min, max] (plus missing and unknown): our models keep no finer histogram.
            WriteList(w, "histogram_weights", [missing, present, 0]);
        }
        else
        {
            w.WriteStartArray("categories");
            foreach (var level in levels)
            {
                w.WriteStartArray();
                foreach (var l in level.Levels) w.WriteStringValue(l);
                w.WriteEndArray();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    // Weight of missing and non-missing rows of a feature, and how many of its non-missing bins hold any, from a term using it.
    private static (double Missing, double Present, int Occupied) Marginal(GamTerm term, string feature)
    {
        int axis = term.Binnings[0].Feature == feature ? 0 : 1;
        int n = term.Binnings[axis].BinCount, other = term.IsInteraction ? term.Binnings[1 - axis].BinCount : 1;
        var perBin = new double[n];
        for (int c = 0; c < term.BinWeights.Length; c++)
            perBin[axis == 0 ? c / other : c % n] += term.BinWeights[c];
        return (perBin[0], perBin.Skip(1).Sum(), perBin.Skip(1).Count(x => x > 0));
    }

    private static void WriteTerm(Utf8JsonWriter w, GamTerm term, List<(string Name, FeatureBinning[] Levels)> features)
    {
        var fileBinnings = term.Binnings.Select(b =>
        {
            var levels = features.First(f => f.Name == b.Feature).Levels;
            return levels[Math.Min(levels.Length, term.Binnings.Length) - 1];
        }).ToArray();
        var maps = term.Binnings.Select((b, d) => FileToOurs(fileBinnings[d], b)).ToArray();
        var tensor = new TermTensor(term.Binnings.Select(b => b.BinCount).ToArray(), maps);
        int[] shape = maps.Select(m => m.Length).ToArray();

        w.WriteStartObject();
        w.WriteStartArray("term_features");
        foreach (var b in term.Binnings) w.WriteStringValue(b.Feature);
        w.WriteEndArray();
        w.WritePropertyName("scores");
        WriteTensor(w, tensor.Values(term.Scores), shape);
        w.WritePropertyName("standard_deviations");
        WriteTensor(w, tensor.Values(term.StandardDeviations), shape);
        w.WriteStartArray("bagged_scores");
        foreach (var bag in term.BagScores ?? [term.Scores]) WriteTensor(w, tensor.Values(bag), shape);
        w.WriteEndArray();
        w.WritePropertyName("bin_weights");
        WriteTensor(w, tensor.Weights(term.BinWeights), shape);
        w.WriteEndObject();
    }

    /// <summary>For each bin of the file's binning, the bin of ours it reads (-1: InterpretML's unknown bin of a number, score 0).</summary>
    private static int[] FileToOurs(FeatureBinning file, FeatureBinning ours)
    {
        var map = new List<int> { 0 };
        if (file.Kind == BinningKind.Continuous)
        {
            // File bin k (k >= 2) starts at cut k-2; our cuts are a subset of the file's, so that value lies in one of our bins.
            map.Add(1);
            foreach (var cut in file.Cuts) map.Add(ours.BinOf(cut));
            map.Add(-1);
        }
        else
        {
            foreach (var level in file.Levels) map.Add(ours.BinOf(level));
            map.Add(ours.UnseenBin);
        }
        return map.ToArray();
    }

    private static void WriteTensor(Utf8JsonWriter w, double[] flat, int[] shape)
    {
        if (shape.Length == 1) { WriteValues(w, flat); return; }
        w.WriteStartArray();
        for (int a = 0; a < shape[0]; a++) WriteValues(w, flat.AsSpan(a * shape[1], shape[1]));
        w.WriteEndArray();
    }

    private static void WriteList(Utf8JsonWriter w, string name, double[] values)
    {
        w.WritePropertyName(name);
        WriteValues(w, values);
    }

    private static void WriteValues(Utf8JsonWriter w, ReadOnlySpan<double> values)
    {
        w.WriteStartArray();
        foreach (var v in values) w.WriteNumberValue(v);
        w.WriteEndArray();
    }

    // Classes as imported (numbers stay numbers, so InterpretML's predict returns the same labels), else 0 and 1.
    private static void WriteClasses(Utf8JsonWriter w, Dictionary<string, string> settings)
    {
        var classes = settings.TryGetValue("classes", out var text) ? text.Split(", ") : ["0", "1"];
        if (classes.Length != 2) classes = ["0", "1"];
        foreach (var c in classes)
        {
            if (long.TryParse(c, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n)) w.WriteNumberValue(n);
            else w.WriteStringValue(c);
        }
    }
}
