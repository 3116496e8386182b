using ClinicalGAM.Core.Diagnostics.Metrics;
using ClinicalGAM.Core.Modeling.Editing;

namespace ClinicalGAM.Core.Tests.Modeling.Editing;

public class LiveMetricsTests
{
    [Fact]
    public void Live_metrics_equal_the_metrics_computed_from_scratch_after_an_edit()
    {
        var fitted = EditFixtures.Model();
        var (table, labels) = EditFixtures.Cohort(fitted, 3000, seed: 2);
        int[] validation = Enumerable.Range(0, 1000).ToArray(), test = Enumerable.Range(1000, 2000).ToArray();
        var live = new LiveMetrics(table, labels, validation, test);
        var session = new EditSession(fitted);
        session.Apply(new ShapeEdit(ShapeEditTool.Shift, "sbp", CellSelection.Bins(fitted.Term("sbp")!, 6, 11), 1.0, "exaggerate"));

        var result = live.Evaluate(session.Current, MetricScope.All, threshold: 0.1);
        var p = session.Current.Predict(table);
        var y = test.Select(i => labels[i]).ToArray();
        var q = test.Select(i => p[i]).ToArray();
        Assert.Equal(BinaryMetrics.RocAuc(y, q), result.Test.Auc.Auc, tolerance: 1e-12);
        Assert.Equal(BinaryMetrics.LogLoss(y, q), result.Test.LogLoss, tolerance: 1e-12);
        Assert.Equal(BinaryMetrics.Brier(y, q), result.Test.Brier, tolerance: 1e-12);
        Assert.Equal(BinaryMetrics.Calibration(y, q).Slope, result.Test.CalibrationSlope, tolerance: 1e-9);
        int tp = test.Count(i => p[i] >= 0.1 && labels[i] == 1), pos = test.Count(i => labels[i] == 1);
        Assert.Equal((double)tp / pos, result.Test.Sensitivity, tolerance: 1e-12);
        Assert.Equal(2000, result.Test.Rows);
        Assert.Equal(1000, result.Validation.Rows);

        // The model the outcomes were drawn from is better calibrated than the exaggerated edit.
        var asFitted = live.Evaluate(fitted, MetricScope.All, 0.1);
        Assert.True(asFitted.Test.LogLoss < result.Test.LogLoss);
        Assert.True(Math.Abs(asFitted.Test.CalibrationIntercept) < Math.Abs(result.Test.CalibrationIntercept));
    }

    [Fact]
    public void Scopes_keep_the_rows_in_the_selected_bins_or_the_slice()
    {
        var fitted = EditFixtures.Model();
        var (table, labels) = EditFixtures.Cohort(fitted, 2000, seed: 4);
        var live = new LiveMetrics(table, labels, [], Enumerable.Range(0, 2000).ToArray());
        var cells = fitted.CellIndices(table)[0];
        var inBins = live.Evaluate(fitted, new MetricScope.SelectedCells("sbp", [8, 9]), 0.1);
        Assert.Equal(cells.Count(c => c is 8 or 9), inBins.Test.Rows);
        var slice = live.Evaluate(fitted, new MetricScope.Slice("mode", "caesarean"), 0.1);
        var mode = (ClinicalGAM.Core.Data.CategoricalColumn)table["mode"];
        Assert.Equal(Enumerable.Range(0, 2000).Count(i => mode[i] == 1), slice.Test.Rows);
        Assert.Equal(0, inBins.Validation.Rows);
        Assert.True(double.IsNaN(inBins.Validation.LogLoss)); // no validation rows: shown as "–", not 0
    }

    [Fact]
    public void Removing_a_term_that_carries_signal_costs_auc_with_an_interval_below_zero()
    {
        var fitted = EditFixtures.Model();
        var (table, labels) = EditFixtures.Cohort(fitted, 6000, seed: 9);
        var contributions = TermContributions.Compute(fitted, table, labels, Enumerable.Range(0, 6000).ToArray(), seed: 1, replicates: 100);
        var sbp = contributions.Single(c => c.Term == "sbp");
        Assert.True(sbp.AucChange.Upper < 0, $"sbp carries most of the signal: ΔAUC {sbp.AucChange.Estimate:0.000} ({sbp.AucChange.Lower:0.000}, {sbp.AucChange.Upper:0.000})");
        Assert.True(sbp.LogLossChange.Lower > 0);
        var pair = contributions.Single(c => c.Term == "sbp x mode");
        Assert.True(Math.Abs(pair.AucChange.Estimate) < Math.Abs(sbp.AucChange.Estimate));
        Assert.Equal("sbp", contributions[0].Term); // ranked by how much AUC is lost
        var again = TermContributions.Compute(fitted, table, labels, Enumerable.Range(0, 6000).ToArray(), seed: 1, replicates: 100);
        Assert.Equal(contributions, again); // seeded: the same intervals every time
    }

    [Fact]
    public void Diff_names_the_changed_cells_and_terms()
    {
        var fitted = EditFixtures.Model();
        var session = new EditSession(fitted);
        session.Apply(new ShapeEdit(ShapeEditTool.FlattenJump, "sbp", CellSelection.Bins(fitted.Term("sbp")!, 5, 10), null, "threshold"));
        session.Apply(new ShapeEdit(ShapeEditTool.DeleteTerm, "sbp x mode", Reason: "noise"));
        var diff = ModelDiff.Of(fitted, session.ToVersion());
        var sbp = diff.Terms.Single(t => t.Term == "sbp");
        Assert.Equal(TermChange.Changed, sbp.Change);
        Assert.All(sbp.ChangedCells, c => Assert.InRange(c, 5, 10));
        Assert.True(sbp.LargestChange > 0.1);
        Assert.Equal(TermChange.Removed, diff.Terms.Single(t => t.Term == "sbp x mode").Change);
        Assert.Equal(TermChange.Same, diff.Terms.Single(t => t.Term == "mode").Change);
        Assert.Equal(2, diff.EditsInB);
    }
}
