namespace ClinicalGAM.Core.Modeling.Editing;

public enum TermChange { Same, Changed, Added, Removed, Rebinned }

/// <summary>How one term differs between two models: which cells moved and by how much (log-odds).</summary>
public sealed record TermDiff(string Term, TermChange Change, int CellsChanged, double LargestChange, int[] ChangedCells);

/// <summary>Two models compared term by term (e.g. a saved version against the model as fitted).</summary>
public sealed record ModelDiff(double InterceptChange, IReadOnlyList<TermDiff> Terms, int EditsInA, int EditsInB)
{
    /// <summary>Cells whose scores differ by more than this are "changed" (well below anything a plot shows).</summary>
    public const double Tolerance = 1e-12;

    public IEnumerable<TermDiff> Differences => Terms.Where(t => t.Change != TermChange.Same);

    public static ModelDiff Of(GamModel a, GamModel b)
    {
        var diffs = new List<TermDiff>();
        foreach (var ta in a.Terms)
        {
            var tb = b.Term(ta.Name);
            if (tb is null) { diffs.Add(new TermDiff(ta.Name, TermChange.Removed, ta.Scores.Length, ta.Scores.Select(Math.Abs).DefaultIfEmpty(0).Max(), [])); continue; }
            if (!SameBins(ta, tb)) { diffs.Add(new TermDiff(ta.Name, TermChange.Rebinned, tb.Scores.Length, double.NaN, [])); continue; }
            var changed = Enumerable.Range(0, ta.Scores.Length).Where(c => Math.Abs(ta.Scores[c] - tb.Scores[c]) > Tolerance).ToArray();
            double largest = changed.Select(c => Math.Abs(ta.Scores[c] - tb.Scores[c])).DefaultIfEmpty(0).Max();
            diffs.Add(new TermDiff(ta.Name, changed.Length > 0 ? TermChange.Changed : TermChange.Same, changed.Length, largest, changed));
        }
        foreach (var tb in b.Terms.Where(t => a.Term(t.Name) is null))
            diffs.Add(new TermDiff(tb.Name, TermChange.Added, tb.Scores.Length, tb.Scores.Select(Math.Abs).DefaultIfEmpty(0).Max(), []));
        return new ModelDiff(b.Intercept - a.Intercept, diffs, a.Info.Edits.Count, b.Info.Edits.Count);
    }

    private static bool SameBins(GamTerm a, GamTerm b) =>
        a.Binnings.Length == b.Binnings.Length && a.Binnings.Zip(b.Binnings).All(p =>
            p.First.Feature == p.Second.Feature && p.First.Kind == p.Second.Kind &&
            p.First.Cuts.AsSpan().SequenceEqual(p.Second.Cuts) && p.First.Levels.AsSpan().SequenceEqual(p.Second.Levels));
}
