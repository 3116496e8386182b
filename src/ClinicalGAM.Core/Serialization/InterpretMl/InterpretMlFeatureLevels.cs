using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Core.Serialization.InterpretMl;

/// <summary>
/// InterpretML keeps, per feature, one binning for main effects and one for pairs; our terms each carry their own.
/// This decides what the file holds for each feature: the main effect's binning, then the pairs' binning if it differs
/// (the union of their cuts or levels when pairs disagree among themselves, which scores every row as before).
/// </summary>
internal static class InterpretMlFeatureLevels
{
    /// <summary>Per feature the terms use (in the model's feature order): its main-effect binning, then its pair binning if different.</summary>
    public static List<(string Name, FeatureBinning[] Levels)> Plan(GamModel model)
    {
        var used = model.Terms.SelectMany(t => t.Features).Distinct().ToList();
        var order = model.Info.Features.Where(used.Contains).Concat(used.Where(f => !model.Info.Features.Contains(f))).ToList();
        var result = new List<(string, FeatureBinning[])>();
        foreach (var name in order)
        {
            var all = model.Terms.SelectMany(t => t.Binnings).Where(b => b.Feature == name).ToList();
            if (all.Select(b => b.Kind).Distinct().Count() > 1)
                throw new GamModelFormatException($"Feature '{name}' is binned as both numbers and categories; InterpretML needs one type per feature.");
            var mains = model.Terms.Where(t => !t.IsInteraction && t.Binnings[0].Feature == name).ToList();
            if (mains.Count > 1) throw new GamModelFormatException($"The model has {mains.Count} main-effect terms for '{name}'; InterpretML allows one.");
            var main = mains.FirstOrDefault()?.Binnings[0];
            var pairs = model.Terms.Where(t => t.IsInteraction).SelectMany(t => t.Binnings).Where(b => b.Feature == name).ToList();
            var pair = pairs.Count == 0 ? null : pairs.Skip(1).All(p => Same(p, pairs[0])) ? pairs[0] : Union(pairs);
            FeatureBinning[] levels = main is null ? [pair!] : pair is null || Same(pair, main) ? [main] : [main, pair];
            result.Add((name, levels));
        }
        return result;
    }

    private static bool Same(FeatureBinning a, FeatureBinning b) =>
        a.Kind == b.Kind && a.Cuts.SequenceEqual(b.Cuts) && a.Levels.SequenceEqual(b.Levels);

    private static FeatureBinning Union(List<FeatureBinning> binnings) => binnings[0] with
    {
        Cuts = binnings.SelectMany(b => b.Cuts).Distinct().Order().ToArray(),
        Levels = binnings.SelectMany(b => b.Levels).Distinct().ToArray(),
    };
}
