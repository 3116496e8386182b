using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Editing;
using ClinicalGAM.Core.Serialization;
using CsCheck;

namespace ClinicalGAM.Core.Tests.Modeling.Editing;

public class ShapeEditorTests
{
    private static readonly DateTimeOffset When = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    private static double[] Apply(ShapeEditTool tool, int first, int last, double? value = null)
    {
        var model = EditFixtures.Model();
        var term = model.Term("sbp")!;
        var (edited, _) = ShapeEditor.Apply(model, new ShapeEdit(tool, "sbp", CellSelection.Bins(term, first, last), value, "test"), When);
        return edited.Term("sbp")!.Scores;
    }

    [Fact]
    public void Shift_set_and_align_give_the_values_they_name()
    {
        var s = EditFixtures.Model().Term("sbp")!.Scores;
        var shifted = Apply(ShapeEditTool.Shift, 3, 5, -0.25);
        for (int c = 3; c <= 5; c++) Assert.Equal(s[c] - 0.25, shifted[c], tolerance: 1e-12);
        Assert.All(Apply(ShapeEditTool.SetValue, 2, 4, 0.7)[2..5], v => Assert.Equal(0.7, v));
        Assert.All(Apply(ShapeEditTool.AlignLeft, 6, 9)[6..10], v => Assert.Equal(s[6], v));
        Assert.All(Apply(ShapeEditTool.AlignRight, 6, 9)[6..10], v => Assert.Equal(s[9], v));
        var w = EditFixtures.SbpWeights;
        double mean = Enumerable.Range(6, 4).Sum(c => s[c] * w[c]) / Enumerable.Range(6, 4).Sum(c => w[c]);
        Assert.All(Apply(ShapeEditTool.AlignMean, 6, 9)[6..10], v => Assert.Equal(mean, v, 12));
    }

    [Fact]
    public void Interpolate_is_a_straight_line_in_mmHg_between_the_ends()
    {
        var s = EditFixtures.Model().Term("sbp")!.Scores;
        var r = Apply(ShapeEditTool.Interpolate, 5, 9); // bin mid-points 135, 145, 155, 165, 175: equally spaced
        Assert.Equal(s[5], r[5], tolerance: 1e-12);
        Assert.Equal(s[9], r[9], tolerance: 1e-12);
        for (int c = 6; c < 9; c++) Assert.Equal(s[5] + (s[9] - s[5]) * (c - 5) / 4.0, r[c], tolerance: 1e-12);
    }

    [Fact]
    public void Flatten_jump_closes_the_gap_at_160_and_keeps_each_sides_shape()
    {
        var s = EditFixtures.Model().Term("sbp")!.Scores;
        foreach (double? cut in new double?[] { 160, null }) // the flag's cut, or the largest step found in the selection
        {
            var flat = Apply(ShapeEditTool.FlattenJump, 4, 11, cut);
            // Bins 4-11 are 120-200 mmHg; the rise is 0.2 per bin on both sides of the drop between [150,160) and [160,170).
            Assert.Equal(s[..8], flat[..8]); // below the cut nothing moves
            for (int c = 9; c <= 11; c++) Assert.Equal(s[c] - s[c - 1], flat[c] - flat[c - 1], tolerance: 1e-9); // the right side keeps its shape
            Assert.True(flat[8] > flat[7], "after flattening the curve rises through 160 instead of dropping");
            Assert.Equal(0.2, flat[8] - flat[7], tolerance: 0.06); // bag noise is ±0.025 per bin
        }
    }

    [Fact]
    public void Linear_fit_is_count_weighted()
    {
        // A single heavy bin pulls the line through itself.
        var model = EditFixtures.Model();
        var term = model.Term("sbp")!;
        var r = Apply(ShapeEditTool.LinearFit, 5, 9);
        var x = new[] { 135.0, 145, 155, 165, 175 };
        var w = EditFixtures.SbpWeights[5..10];
        var y = term.Scores[5..10];
        // Weighted normal equations: residuals are orthogonal to 1 and x under the weights.
        double r0 = 0, r1 = 0;
        for (int k = 0; k < 5; k++) { double e = y[k] - r[5 + k]; r0 += w[k] * e; r1 += w[k] * e * x[k]; }
        Assert.Equal(0, r0, tolerance: 1e-9);
        Assert.Equal(0, r1, tolerance: 1e-7);
    }

    [Fact]
    public void Smooth_shrinks_a_spike_toward_its_neighbours_by_bandwidth()
    {
        var narrow = Apply(ShapeEditTool.Smooth, 5, 10, 0.5);
        var wide = Apply(ShapeEditTool.Smooth, 5, 10, 3);
        var s = EditFixtures.Model().Term("sbp")!.Scores;
        double dip = s[8]; // [160, 170): the bin after the drop
        Assert.True(narrow[8] > dip && wide[8] > narrow[8], "the dip at 160-170 is filled in, more with a wider kernel");
        Assert.Equal(s[..5], wide[..5]); // outside the selection nothing moves
    }

    [Fact]
    public void Nominal_terms_refuse_ordered_tools_but_take_moves()
    {
        var model = EditFixtures.Model();
        var mode = model.Term("mode")!;
        var selection = CellSelection.Levels(mode, ["caesarean"]);
        var e = Assert.Throws<ArgumentException>(() =>
            ShapeEditor.Apply(model, new ShapeEdit(ShapeEditTool.Interpolate, "mode", selection, null, "x"), When));
        Assert.Contains("ordered", e.Message);
        var (moved, record) = ShapeEditor.Apply(model, new ShapeEdit(ShapeEditTool.SetValue, "mode", selection, 0, "caesarean as reference"), When);
        Assert.Equal(0, moved.Term("mode")!.Scores[2]);
        Assert.Equal([2], record.Cells);
    }

    [Fact]
    public void An_edit_without_a_reason_is_refused()
    {
        var model = EditFixtures.Model();
        var e = Assert.Throws<ArgumentException>(() => ShapeEditor.Apply(model,
            new ShapeEdit(ShapeEditTool.Shift, "sbp", CellSelection.Bins(model.Term("sbp")!, 1, 2), 0.1, "  "), When));
        Assert.Contains("reason", e.Message);
    }

    [Fact]
    public void Typed_value_bounds_select_the_overlapping_bins_and_never_the_missing_bin()
    {
        var term = EditFixtures.Model().Term("sbp")!;
        Assert.Equal([8, 9], CellSelection.ValueRange(term, 160, 175).Cells); // [160,170) and [170,180)
        Assert.Equal([8], CellSelection.ValueRange(term, 160, 169.9).Cells);
        Assert.Equal([1], CellSelection.ValueRange(term, 0, 100).Cells); // up to 100, not the bin that starts there
        Assert.Equal([8], CellSelection.ValueRange(term, 160, 170).Cells);
        Assert.Throws<ArgumentException>(() => CellSelection.ValueRange(term, 300, 400));
    }

    [Fact]
    public void Pair_cells_take_a_shift_of_a_rectangle()
    {
        var model = EditFixtures.Model();
        var pair = model.Term("sbp x mode")!;
        var selection = CellSelection.Rectangle(pair, 7, 8, 1, 2);
        var (edited, record) = ShapeEditor.Apply(model, new ShapeEdit(ShapeEditTool.Shift, pair.Name, selection, 0.5, "test"), When);
        Assert.Equal(4, record.Cells.Length);
        var after = edited.Term(pair.Name)!.Scores;
        for (int c = 0; c < after.Length; c++)
            Assert.Equal(pair.Scores[c] + (record.Cells.Contains(c) ? 0.5 : 0), after[c], tolerance: 1e-12);
    }

    [Fact]
    public void Delete_restore_and_replace_act_on_the_whole_term()
    {
        var fitted = EditFixtures.Model();
        var session = new EditSession(fitted);
        session.Apply(new ShapeEdit(ShapeEditTool.DeleteTerm, "mode", Reason: "not a risk factor we act on"));
        Assert.Null(session.Current.Term("mode"));
        session.Apply(new ShapeEdit(ShapeEditTool.RestoreTerm, "mode", Reason: "needed after all"));
        Assert.Equal(fitted.Terms.Select(t => t.Name), session.Current.Terms.Select(t => t.Name)); // back in its place
        Assert.Same(fitted.Term("mode"), session.Current.Term("mode"));

        var donor = fitted.ScaleTermForTest("sbp", 0.5);
        var record = session.Apply(new ShapeEdit(ShapeEditTool.ReplaceFromModel, "sbp", Reason: "site B's curve"), donor, "site B v1");
        Assert.Equal("site B v1", record.Source);
        Assert.Equal(donor.Term("sbp")!.Scores, session.Current.Term("sbp")!.Scores);
    }

    [Fact]
    public void Edits_are_saved_in_the_model_json_and_read_back()
    {
        var fitted = EditFixtures.Model();
        var session = new EditSession(fitted, new ModelParent(7, "SMM model", 2));
        session.Apply(new ShapeEdit(ShapeEditTool.FlattenJump, "sbp", CellSelection.Bins(fitted.Term("sbp")!, 5, 10), null, "antihypertensives from 160", "ana"));
        var saved = session.ToVersion();
        var back = GamModelJson.Deserialize(GamModelJson.Serialize(saved));
        var edit = Assert.Single(back.Info.Edits);
        Assert.Equal(ShapeEditTool.FlattenJump, edit.Tool);
        Assert.Equal("antihypertensives from 160", edit.Reason);
        Assert.Equal("ana", edit.Author);
        Assert.Equal(new ModelParent(7, "SMM model", 2), back.Info.EditedFrom);
        Assert.Equal(saved.Term("sbp")!.Scores, back.Term("sbp")!.Scores);
        Assert.Equal(Enumerable.Range(5, 6), EditHistory.EditedCells(back, "sbp").Order());
    }
}

internal static class ModelTestExtensions
{
    public static GamModel ScaleTermForTest(this GamModel model, string term, double factor) =>
        ClinicalGAM.Core.Modeling.Operations.TermEditing.ScaleTerm(model, term, factor);
}
