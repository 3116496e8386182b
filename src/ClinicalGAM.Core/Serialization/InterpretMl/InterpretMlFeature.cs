using System.Text.Json;
using ClinicalGAM.Core.Modeling;
using static ClinicalGAM.Core.Serialization.InterpretMl.InterpretMlValues;

namespace ClinicalGAM.Core.Serialization.InterpretMl;

/// <summary>
/// One feature of an InterpretML model file: its type and its binning "levels" (InterpretML may bin a feature more
/// coarsely for pairs than for its main effect: a term of k features uses level min(k, levels) - 1).
/// Continuous levels are cut points; categorical levels map each category to a bin, several categories possibly
/// sharing one.
/// </summary>
internal sealed class InterpretMlFeature
{
    private InterpretMlFeature(string name, BinningKind kind, double[][] cuts, string[][][] groups, double min, double max)
    {
        Name = name;
        Kind = kind;
        _cuts = cuts;
        _groups = groups;
        _min = min;
        _max = max;
    }

    private readonly double[][] _cuts;
    private readonly string[][][] _groups;
    private readonly double _min, _max;

    public string Name { get; }
    public BinningKind Kind { get; }

    public static InterpretMlFeature Read(JsonElement json, string where)
    {
        string name = String(Required(json, "name", where), $"{where}.name");
        string type = String(Required(json, "type", where), $"{where}.type");
        // Bounds are only for plotting the outer bins; InterpretML leaves them out when unknown.
        double Bound(string key) => Optional(json, key) is { } b && AnyNumber(b, $"{where}.{key}") is var v && double.IsFinite(v) ? v : double.NaN;
        switch (type)
        {
            case "continuous":
            {
                var levels = Array(Required(json, "cuts", where), $"{where}.cuts");
                var cuts = levels.EnumerateArray().Select((level, l) => Cuts(level, $"{where}.cuts[{l}]")).ToArray();
                if (cuts.Length == 0) throw Error($"{where}.cuts has no binning level.");
                return new InterpretMlFeature(name, BinningKind.Continuous, cuts, [], Bound("min"), Bound("max"));
            }
            case "nominal" or "ordinal":
            {
                var levels = Array(Required(json, "categories", where), $"{where}.categories");
                var groups = levels.EnumerateArray().Select((level, l) => Groups(level, $"{where}.categories[{l}]")).ToArray();
                if (groups.Length == 0) throw Error($"{where}.categories has no binning level.");
                return new InterpretMlFeature(name, type == "nominal" ? BinningKind.Nominal : BinningKind.Ordinal, [], groups,
                    double.NaN, double.NaN);
            }
            default:
                throw Error($"{where} ('{name}') has type '{type}'; known types are continuous, nominal and ordinal.");
        }
    }

    /// <summary>
    /// The binning a term of <paramref name="termFeatureCount"/> features uses here, the number of bins the file's
    /// scores have along this axis, and for each of our bins the file's bin it reads.
    /// </summary>
    public (FeatureBinning Binning, int FileBins, int[] Map) Axis(int termFeatureCount)
    {
        int levelCount = Kind == BinningKind.Continuous ? _cuts.Length : _groups.Length;
        int level = Math.Min(levelCount, termFeatureCount) - 1;
        if (Kind == BinningKind.Continuous)
        {
            var cuts = _cuts[level];
            var binning = new FeatureBinning { Feature = Name, Kind = Kind, Cuts = cuts, Min = _min, Max = _max };
            // File: missing, cuts + 1 intervals, unknown (a value that is not a number). Ours: the same without the
            // unknown bin, since our numeric columns hold only numbers and missing values.
            return (binning, cuts.Length + 3, TermTensor.Identity(binning.BinCount));
        }
        var groups = _groups[level];
        var levels = groups.SelectMany(g => g).ToArray();
        var map = new List<int> { 0 };
        for (int g = 0; g < groups.Length; g++) map.AddRange(Enumerable.Repeat(g + 1, groups[g].Length));
        map.Add(groups.Length + 1); // categories never seen in training: InterpretML's unknown bin, our unseen bin
        return (new FeatureBinning { Feature = Name, Kind = Kind, Levels = levels }, groups.Length + 2, map.ToArray());
    }

    private static double[] Cuts(JsonElement level, string where)
    {
        var cuts = FiniteList(level, where);
        for (int i = 1; i < cuts.Length; i++)
            if (!(cuts[i] > cuts[i - 1])) throw Error($"{where} is not strictly increasing at [{i}].");
        return cuts;
    }

    // A bin holds one category (a string) or several (a list of strings).
    private static string[][] Groups(JsonElement level, string where)
    {
        Array(level, where);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var groups = new List<string[]>();
        int i = 0;
        foreach (var bin in level.EnumerateArray())
        {
            string at = $"{where}[{i++}]";
            var members = bin.ValueKind == JsonValueKind.Array
                ? bin.EnumerateArray().Select((c, k) => Category(c, $"{at}[{k}]")).ToArray()
                : [Category(bin, at)];
            foreach (var m in members)
                if (!seen.Add(m)) throw Error($"{at}: category '{m}' appears twice.");
            groups.Add(members);
        }
        return groups.ToArray();
    }

    private static string Category(JsonElement e, string where) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.Number => e.GetRawText(),
        _ => throw Error($"{where} must be a category name."),
    };
}
