using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Editing;
using ClinicalGAM.Core.Serialization;
using CsCheck;

namespace ClinicalGAM.Core.Tests.Modeling.Editing;

/// <summary>Properties that must hold after any sequence of edits (CsCheck draws the sequences).</summary>
public class EditPropertyTests
{
    private static readonly ShapeEditTool[] CellTools = Enum.GetValues<ShapeEditTool>().Where(t => !t.IsWholeTerm()).ToArray();

    // An edit drawn at random: a tool, a run of sbp bins (ordered tools) or any cells of mode / the pair (moves).
    private static readonly Gen<(ShapeEditTool Tool, int Term, int A, int B, double Value)> EditGen =
        Gen.Select(Gen.Int[0, CellTools.Length - 1], Gen.Int[0, 2], Gen.Int[0, 11], Gen.Int[0, 11], Gen.Double[-1, 1])
            .Select((t, term, a, b, v) => (CellTools[t], term, Math.Min(a, b), Math.Max(a, b), v));

    private static ShapeEdit? Build(GamModel model, (ShapeEditTool Tool, int Term, int A, int B, double Value) e)
    {
        var tool = e.Tool;
        double? value = tool switch { ShapeEditTool.Smooth => 0.3 + Math.Abs(e.Value) * 3, _ when tool.TakesValue() => e.Value, _ => null };
        switch (e.Term)
        {
            case 0:
            {
                var sbp = model.Term("sbp")!;
                int first = Math.Max(1, e.A), last = Math.Max(first, e.B);
                if (tool == ShapeEditTool.FlattenJump && last == first) return null; // a jump needs bins on both sides
                return new ShapeEdit(tool, "sbp", CellSelection.Bins(sbp, tool.NeedsOrder() ? first : e.A, tool.NeedsOrder() ? last : e.B), value, "prop");
            }
            case 1:
                if (tool.NeedsOrder()) return null;
                var mode = model.Term("mode")!;
                return new ShapeEdit(tool, "mode", CellSelection.Bins(mode, Math.Min(e.A, 3), Math.Min(e.B, 3)), value, "prop");
            default:
                if (tool.NeedsOrder()) return null;
                var pair = model.Term("sbp x mode")!;
                return new ShapeEdit(tool, pair.Name, CellSelection.Rectangle(pair, e.A, e.B, Math.Min(e.A, 3), Math.Min(e.B, 3)), value, "prop");
        }
    }

    [Fact]
    public void Scores_add_up_to_the_intercept_plus_the_edited_terms_and_change_only_in_edited_cells()
    {
        var fitted = EditFixtures.Model();
        var (table, _) = EditFixtures.Cohort(fitted, 400, seed: 11);
        var fittedEta = fitted.LinearPredictor(table);
        var cells = fitted.CellIndices(table);
        EditGen.Array[1, 8].Sample(draws =>
        {
            var session = new EditSession(fitted);
            foreach (var d in draws) if (Build(session.Current, d) is { } edit) session.Apply(edit);
            var edited = session.Current;
            var eta = edited.LinearPredictor(table);
            var contributions = edited.Contributions(table);
            for (int i = 0; i < eta.Length; i++)
            {
                // Contributions add up ...
                Assert.Equal(edited.Intercept + contributions.Sum(c => c[i]), eta[i], tolerance: 1e-10);
                // ... and the score moved only by the edits of the cells this patient falls in.
                double expected = fittedEta[i];
                for (int t = 0; t < fitted.Terms.Count; t++)
                    expected += edited.Terms[t].Scores[cells[t][i]] - fitted.Terms[t].Scores[cells[t][i]];
                Assert.Equal(expected, eta[i], tolerance: 1e-10);
            }
        }, iter: 60, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Each_edit_touches_only_its_selected_cells_scores_and_bags()
    {
        var fitted = EditFixtures.Model();
        EditGen.Array[1, 6].Sample(draws =>
        {
            var session = new EditSession(fitted);
            foreach (var d in draws)
            {
                if (Build(session.Current, d) is not { } edit) continue;
                var before = session.Current.Term(edit.Term)!;
                var record = session.Apply(edit);
                var after = session.Current.Term(edit.Term)!;
                var touched = new HashSet<int>(record.Cells);
                for (int c = 0; c < after.Scores.Length; c++)
                {
                    if (touched.Contains(c)) continue;
                    Assert.Equal(before.Scores[c], after.Scores[c]);
                    for (int b = 0; b < after.BagScores!.Length; b++) Assert.Equal(before.BagScores![b][c], after.BagScores[b][c]);
                }
                Assert.Equal(before.StandardDeviations, after.StandardDeviations); // the band moves with the edit, it does not shrink
                Assert.Equal(before.BinWeights, after.BinWeights);
                // The bags still average to the edited scores: the band is centred on the edited shape.
                for (int c = 0; c < after.Scores.Length; c++) Assert.Equal(after.Scores[c], after.BagScores!.Average(bag => bag[c]), tolerance: 1e-9);
                foreach (var other in session.Current.Terms.Where(t => t.Name != edit.Term))
                    Assert.Same(session.Previous.Term(other.Name), other);
                Assert.Equal(session.Previous.Intercept, session.Current.Intercept);
            }
        }, iter: 60, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Undo_returns_the_model_as_it_was_field_by_field_and_nothing_is_mutated()
    {
        var fitted = EditFixtures.Model();
        string asFitted = GamModelJson.Serialize(fitted);
        EditGen.Array[1, 8].Sample(draws =>
        {
            var session = new EditSession(fitted);
            var snapshots = new List<string> { asFitted };
            foreach (var d in draws)
            {
                if (Build(session.Current, d) is not { } edit) continue;
                session.Apply(edit);
                snapshots.Add(GamModelJson.Serialize(session.Current));
            }
            for (int k = snapshots.Count - 1; k > 0; k--)
            {
                session.Undo();
                Assert.Equal(snapshots[k - 1], GamModelJson.Serialize(session.Current));
            }
            Assert.False(session.CanUndo);
            for (int k = 1; k < snapshots.Count; k++)
            {
                session.Redo();
                Assert.Equal(snapshots[k], GamModelJson.Serialize(session.Current));
            }
            Assert.Equal(asFitted, GamModelJson.Serialize(fitted)); // editing never wrote into the fitted model's arrays
        }, iter: 40, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Monotonise_is_monotone_with_the_smallest_count_weighted_squared_change()
    {
        Gen.Select(Gen.Double[-2, 2].Array[5], Gen.Double[0.5, 50].Array[5], Gen.Double[0, 1].Array[5]).Sample((scores, weights, steps) =>
        {
            var binning = new FeatureBinning { Feature = "x", Kind = BinningKind.Continuous, Cuts = [1, 2, 3] };
            double[] s = [0.3, .. scores[..4]], w = [5, .. weights[..4]];
            var term = new GamTerm("x", [binning], s, new double[5], w);
            var model = new GamModel(new ModelInfo(), 0, [term]);
            var (edited, _) = ShapeEditor.Apply(model, new ShapeEdit(ShapeEditTool.MonotoneIncreasing, "x", CellSelection.Bins(term, 1, 4), Reason: "p"),
                DateTimeOffset.UnixEpoch);
            var m = edited.Term("x")!.Scores;
            for (int c = 2; c <= 4; c++) Assert.True(m[c] >= m[c - 1] - 1e-12);
            double Cost(double[] v) => Enumerable.Range(1, 4).Sum(c => w[c] * (v[c] - s[c]) * (v[c] - s[c]));
            double best = Cost(m);
            // Any other non-decreasing curve costs at least as much: a monotone candidate built from the draws,
            // and the isotonic answer nudged in each direction (kept monotone) must not beat it.
            var candidate = new double[5];
            candidate[1] = s[1];
            for (int c = 2; c <= 4; c++) candidate[c] = candidate[c - 1] + steps[c];
            Assert.True(best <= Cost(candidate) + 1e-9);
            foreach (double eps in new[] { -1e-3, 1e-3 })
                for (int c = 1; c <= 4; c++)
                {
                    var nudged = (double[])m.Clone();
                    nudged[c] += eps;
                    bool monotone = Enumerable.Range(2, 3).All(k => nudged[k] >= nudged[k - 1]);
                    if (monotone) Assert.True(best <= Cost(nudged) + 1e-12);
                }
            Assert.Equal(s[0], m[0]); // the missing bin is not part of the order
        }, iter: 200);
    }
}
