using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Web.Services;

/// <summary>One term's importance and rank (1 = most important) in each of two models; null where a model lacks it.</summary>
public sealed record ImportanceRow(string Term, int? RankA, double? ImportanceA, int? RankB, double? ImportanceB);

/// <summary>Two saved models side by side: importance ranks of every term and the main effects both models share.</summary>
public sealed record ModelComparison(ModelEntry A, ModelEntry B, IReadOnlyList<ImportanceRow> Importance, IReadOnlyList<string> SharedTerms)
{
    public static ModelComparison Of(ModelEntry a, ModelEntry b)
    {
        var rankA = Ranks(a.Model);
        var rankB = Ranks(b.Model);
        var rows = rankA.Keys.Union(rankB.Keys, StringComparer.Ordinal)
            .Select(t => new ImportanceRow(t,
                rankA.TryGetValue(t, out var ra) ? ra.Rank : null, rankA.TryGetValue(t, out ra) ? ra.Importance : null,
                rankB.TryGetValue(t, out var rb) ? rb.Rank : null, rankB.TryGetValue(t, out rb) ? rb.Importance : null))
            // Terms of A in its order, then those only B has.
            .OrderBy(r => r.RankA ?? int.MaxValue).ThenBy(r => r.RankB ?? int.MaxValue)
            .ToList();
        // Shared main effects drawn as overlays, in A's importance order; interactions do not overlay honestly.
        var shared = a.Model.RankedTerms()
            .Where(t => !t.IsInteraction && b.Model.Term(t.Name) is { IsInteraction: false } other
                        && other.Binnings[0].Kind == t.Binnings[0].Kind)
            .Select(t => t.Name).ToList();
        return new ModelComparison(a, b, rows, shared);
    }

    private static Dictionary<string, (int Rank, double Importance)> Ranks(GamModel model) =>
        model.RankedTerms().Select((t, i) => (t.Name, Rank: i + 1, Importance: t.Importance()))
            .ToDictionary(x => x.Name, x => (x.Rank, x.Importance), StringComparer.Ordinal);
}
