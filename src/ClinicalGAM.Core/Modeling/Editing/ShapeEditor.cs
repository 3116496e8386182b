namespace ClinicalGAM.Core.Modeling.Editing;

/// <summary>
/// Applies one edit to a model and returns the new model with the applied record. Only the selected cells change:
/// the term is not re-centred and the intercept stays, so every other patient keeps their score. Each bag moves by
/// the same per-cell change, so the error band travels with the edit (and is marked edited by the caller from the
/// record). Nothing is mutated: the input model and its arrays are left as they were.
/// </summary>
public static class ShapeEditor
{
    /// <param name="fitted">The model as fitted, for <see cref="ShapeEditTool.RestoreTerm"/>.</param>
    /// <param name="donor">The model to take a term from, for <see cref="ShapeEditTool.ReplaceFromModel"/>.</param>
    public static (GamModel Model, ShapeEditRecord Record) Apply(GamModel model, ShapeEdit edit, DateTimeOffset when,
        GamModel? fitted = null, GamModel? donor = null, string? donorName = null)
    {
        if (string.IsNullOrWhiteSpace(edit.Reason))
            throw new ArgumentException("Give a reason for the edit: every change to a fitted model is reviewed.");
        if (edit.Tool.TakesValue() && edit.Value is not { } v0)
            throw new ArgumentException($"{edit.Tool.Describe()} needs a value.");
        if (edit.Value is { } v && !double.IsFinite(v))
            throw new ArgumentException("The value must be a finite number.");
        return edit.Tool switch
        {
            ShapeEditTool.DeleteTerm => Delete(model, edit, when),
            ShapeEditTool.RestoreTerm => Restore(model, edit, when, fitted ?? throw new ArgumentException("Restoring needs the fitted model.")),
            ShapeEditTool.ReplaceFromModel => Replace(model, edit, when, donor ?? throw new ArgumentException("Replacing needs the other model."), donorName),
            _ => EditCells(model, edit, when),
        };
    }

    private static (GamModel, ShapeEditRecord) EditCells(GamModel model, ShapeEdit edit, DateTimeOffset when)
    {
        var term = model.Term(edit.Term) ?? throw new ArgumentException($"The model has no term '{edit.Term}'.");
        var selection = edit.Selection ?? throw new ArgumentException($"{edit.Tool.Describe()} needs a selection of bins.");
        if (selection.Term != term.Name) throw new ArgumentException($"The selection is of '{selection.Term}', not '{term.Name}'.");
        if (selection.Cells.Length == 0) throw new ArgumentException("Select at least one bin.");
        if (selection.Cells.Distinct().Count() != selection.Cells.Length || selection.Cells.Any(c => c < 0 || c >= term.Scores.Length))
            throw new ArgumentException($"The selection has cells outside term '{term.Name}' or twice.");
        if (edit.Tool.NeedsOrder() && !selection.IsOrderedRun(term))
            throw new ArgumentException(term.IsInteraction || term.Binnings[0].Kind == BinningKind.Nominal
                ? $"{edit.Tool.Describe()} needs ordered bins; '{term.Name}' has none (use move, set or align to mean)."
                : $"{edit.Tool.Describe()} needs one run of adjacent ordered bins, without the missing or unseen bin.");

        var cells = selection.Cells;
        var before = cells.Select(c => term.Scores[c]).ToArray();
        var weights = cells.Select(c => term.BinWeights[c]).ToArray();
        var after = NewScores(edit, term, cells, before, weights);

        var scores = (double[])term.Scores.Clone();
        for (int k = 0; k < cells.Length; k++) scores[cells[k]] = after[k];
        var bags = term.BagScores?.Select(bag =>
        {
            var moved = (double[])bag.Clone();
            for (int k = 0; k < cells.Length; k++) moved[cells[k]] += after[k] - before[k];
            return moved;
        }).ToArray();
        var edited = new GamTerm(term.Name, term.Binnings, scores, (double[])term.StandardDeviations.Clone(),
            (double[])term.BinWeights.Clone(), bags);
        var record = new ShapeEditRecord(term.Name, edit.Tool, (int[])cells.Clone(), before, after, edit.Value,
            edit.Reason.Trim(), edit.Author, when);
        return (Swap(model, term.Name, edited), record);
    }

    internal static double[] NewScores(ShapeEdit edit, GamTerm term, int[] cells, double[] s, double[] w)
    {
        int n = s.Length;
        var x = edit.Tool.NeedsOrder() ? Positions(term, cells) : [];
        return edit.Tool switch
        {
            ShapeEditTool.Shift => s.Select(v => v + edit.Value!.Value).ToArray(),
            ShapeEditTool.SetValue => Enumerable.Repeat(edit.Value!.Value, n).ToArray(),
            ShapeEditTool.AlignLeft => Enumerable.Repeat(s[0], n).ToArray(),
            ShapeEditTool.AlignRight => Enumerable.Repeat(s[^1], n).ToArray(),
            ShapeEditTool.AlignMean => Enumerable.Repeat(WeightedMean(s, w), n).ToArray(),
            ShapeEditTool.Interpolate => Interpolate(x, s),
            ShapeEditTool.LinearFit => LinearFit(x, s, w),
            ShapeEditTool.FlattenJump => FlattenJump(x, s, w, edit.Value),
            ShapeEditTool.MonotoneIncreasing => Operations.IsotonicRegression.NonDecreasing(s, Floor(w)),
            ShapeEditTool.MonotoneDecreasing => Negate(Operations.IsotonicRegression.NonDecreasing(Negate(s), Floor(w))),
            ShapeEditTool.Smooth => Smooth(s, w, edit.Value!.Value),
            _ => throw new ArgumentOutOfRangeException(nameof(edit), $"{edit.Tool} is not a cell edit."),
        };
    }

    // Where each bin sits on the feature's axis: the bin's mid-value (outer bins clipped to the observed range), so
    // a line stays a line in clinical units even when bins are uneven; ordinal levels sit at 1, 2, 3 ...
    private static double[] Positions(GamTerm term, int[] cells)
    {
        var b = term.Binnings[0];
        if (b.Kind != BinningKind.Continuous) return cells.Select(c => (double)c).ToArray();
        return cells.Select(c =>
        {
            var (lo, hi) = b.BinRange(c);
            if (double.IsInfinity(lo)) lo = hi - 1;
            if (double.IsInfinity(hi)) hi = lo + 1;
            return (lo + hi) / 2;
        }).ToArray();
    }

    private static double WeightedMean(double[] s, double[] w)
    {
        double sw = w.Sum();
        return sw > 0 ? s.Zip(w, (a, b) => a * b).Sum() / sw : s.Average();
    }

    private static double[] Interpolate(double[] x, double[] s)
    {
        if (s.Length < 2) return (double[])s.Clone();
        double x0 = x[0], x1 = x[^1], y0 = s[0], y1 = s[^1];
        return x.Select(xi => x1 == x0 ? y0 : y0 + (y1 - y0) * (xi - x0) / (x1 - x0)).ToArray();
    }

    // Count-weighted least squares; empty bins weigh nothing unless every bin is empty (then all weigh 1).
    private static double[] LinearFit(double[] x, double[] s, double[] w)
    {
        var weight = w.Sum() > 0 ? w : w.Select(_ => 1.0).ToArray();
        double sw = weight.Sum();
        double mx = x.Zip(weight, (a, b) => a * b).Sum() / sw;
        double my = s.Zip(weight, (a, b) => a * b).Sum() / sw;
        double sxx = 0, sxy = 0;
        for (int i = 0; i < x.Length; i++) { sxx += weight[i] * (x[i] - mx) * (x[i] - mx); sxy += weight[i] * (x[i] - mx) * (s[i] - my); }
        double slope = sxx > 0 ? sxy / sxx : 0;
        return x.Select(xi => my + slope * (xi - mx)).ToArray();
    }

    // A treatment threshold shifts every bin above the cut by the same step. Fit a count-weighted line on each side
    // of the cut, take the gap between them at the cut as the jump, and move the bins at or above the cut back by
    // it: the curve becomes continuous and each side keeps its own shape. Without a cut, the largest step between
    // adjacent selected bins is taken as the jump.
    private static double[] FlattenJump(double[] x, double[] s, double[] w, double? cut)
    {
        int first = cut is { } c ? Array.FindIndex(x, xi => xi >= c) : LargestStep(s) + 1;
        if (first <= 0 || first >= s.Length)
            throw new ArgumentException("Select bins on both sides of the jump (and give the cut inside the selection).");
        double at = cut ?? (x[first - 1] + x[first]) / 2;
        double left = LineAt(x[..first], s[..first], w[..first], at), right = LineAt(x[first..], s[first..], w[first..], at);
        double jump = right - left;
        return s.Select((v, i) => i >= first ? v - jump : v).ToArray();
    }

    private static int LargestStep(double[] s)
    {
        int best = 0;
        for (int i = 1; i < s.Length - 1; i++) if (Math.Abs(s[i + 1] - s[i]) > Math.Abs(s[best + 1] - s[best])) best = i;
        return best;
    }

    // The value at x0 of the count-weighted line through one side (its mean when it has a single bin).
    private static double LineAt(double[] x, double[] s, double[] w, double x0)
    {
        var line = LinearFit(x, s, w);
        if (x.Length < 2) return line[0];
        double slope = (line[^1] - line[0]) / (x[^1] - x[0]);
        return line[0] + slope * (x0 - x[0]);
    }

    // Nadaraya-Watson over bin positions with weight count × Gaussian(distance in bins / bandwidth).
    private static double[] Smooth(double[] s, double[] w, double bandwidth)
    {
        if (bandwidth <= 0) throw new ArgumentException("The smoothing bandwidth (in bins) must be positive.");
        var weight = Floor(w);
        var result = new double[s.Length];
        for (int i = 0; i < s.Length; i++)
        {
            double num = 0, den = 0;
            for (int j = 0; j < s.Length; j++)
            {
                double d = (i - j) / bandwidth;
                double k = Math.Exp(-0.5 * d * d) * weight[j];
                num += k * s[j];
                den += k;
            }
            result[i] = num / den;
        }
        return result;
    }

    // Empty bins still need a value; a tiny weight lets them follow their neighbours.
    private static double[] Floor(double[] w) => w.Select(v => Math.Max(v, 1e-9)).ToArray();

    private static double[] Negate(double[] v) => v.Select(a => -a).ToArray();

    private static (GamModel, ShapeEditRecord) Delete(GamModel model, ShapeEdit edit, DateTimeOffset when)
    {
        var term = model.Term(edit.Term) ?? throw new ArgumentException($"The model has no term '{edit.Term}'.");
        var kept = model.Terms.Where(t => t.Name != term.Name).ToList();
        var record = new ShapeEditRecord(term.Name, edit.Tool, Enumerable.Range(0, term.Scores.Length).ToArray(),
            (double[])term.Scores.Clone(), [], null, edit.Reason.Trim(), edit.Author, when);
        return (new GamModel(model.Info, model.Intercept, kept, model.BagIntercepts), record);
    }

    private static (GamModel, ShapeEditRecord) Restore(GamModel model, ShapeEdit edit, DateTimeOffset when, GamModel fitted)
    {
        var original = fitted.Term(edit.Term) ?? throw new ArgumentException($"The fitted model has no term '{edit.Term}' to restore.");
        var current = model.Term(edit.Term);
        var record = new ShapeEditRecord(original.Name, edit.Tool, Enumerable.Range(0, original.Scores.Length).ToArray(),
            current is not null && current.Scores.Length == original.Scores.Length ? (double[])current.Scores.Clone() : [],
            (double[])original.Scores.Clone(), null, edit.Reason.Trim(), edit.Author, when);
        return (Put(model, original, fitted), record);
    }

    private static (GamModel, ShapeEditRecord) Replace(GamModel model, ShapeEdit edit, DateTimeOffset when, GamModel donor, string? donorName)
    {
        var current = model.Term(edit.Term) ?? throw new ArgumentException($"The model has no term '{edit.Term}' to replace.");
        var incoming = donor.Term(edit.Term) ?? throw new ArgumentException($"The other model has no term '{edit.Term}'.");
        if (!incoming.Features.SequenceEqual(current.Features))
            throw new ArgumentException($"The other model's '{edit.Term}' uses {string.Join(" × ", incoming.Features)}, not {string.Join(" × ", current.Features)}.");
        if (donor.Info.Objective != model.Info.Objective)
            throw new ArgumentException($"The other model predicts on another scale ({donor.Info.Objective}, not {model.Info.Objective}).");
        var record = new ShapeEditRecord(current.Name, edit.Tool, Enumerable.Range(0, incoming.Scores.Length).ToArray(),
            current.Scores.Length == incoming.Scores.Length ? (double[])current.Scores.Clone() : [],
            (double[])incoming.Scores.Clone(), null, edit.Reason.Trim(), edit.Author, when, donorName ?? donor.Info.Engine);
        // The donor's bag count may differ from ours: keep its spread (standard deviations) but not its bags.
        var swapped = new GamTerm(incoming.Name, incoming.Binnings, (double[])incoming.Scores.Clone(),
            (double[])incoming.StandardDeviations.Clone(), (double[])incoming.BinWeights.Clone(),
            model.BagIntercepts is { } bi && incoming.BagScores is { } bs && bs.Length == bi.Length ? bs.Select(b => (double[])b.Clone()).ToArray() : null);
        return (Swap(model, current.Name, swapped), record);
    }

    private static GamModel Swap(GamModel model, string name, GamTerm replacement) =>
        new(model.Info, model.Intercept, model.Terms.Select(t => t.Name == name ? replacement : t).ToList(), model.BagIntercepts);

    // A restored term goes back to its fitted place in the term order.
    private static GamModel Put(GamModel model, GamTerm term, GamModel fitted)
    {
        if (model.Term(term.Name) is not null) return Swap(model, term.Name, term);
        var order = fitted.Terms.Select((t, i) => (t.Name, i)).ToDictionary(p => p.Name, p => p.i);
        var terms = model.Terms.Append(term)
            .OrderBy(t => order.TryGetValue(t.Name, out int i) ? i : int.MaxValue).ToList();
        return new GamModel(model.Info, model.Intercept, terms, model.BagIntercepts);
    }
}
