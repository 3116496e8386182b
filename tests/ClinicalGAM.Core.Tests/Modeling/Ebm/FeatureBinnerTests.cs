using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.Ebm;
using CsCheck;

namespace ClinicalGAM.Core.Tests.Modeling.Ebm;

public class FeatureBinnerTests
{
    private static readonly Gen<double[]> Values =
        Gen.OneOf(Gen.Double[-1e6, 1e6], Gen.Int[0, 20].Select(i => (double)i), Gen.Const(double.NaN)).Array[1, 3000];

    [Fact]
    public void Continuous_binning_keeps_order_bounds_and_the_missing_bin()
    {
        Gen.Select(Values, Gen.Int[2, 300]).Sample((values, maxBins) =>
        {
            var column = new NumericColumn("x", values);
            var rows = Enumerable.Range(0, values.Length).ToArray();
            var binning = FeatureBinner.Continuous(column, rows, maxBins);
            Assert.True(binning.Cuts.Length <= maxBins - 1);
            for (int i = 1; i < binning.Cuts.Length; i++) Assert.True(binning.Cuts[i] > binning.Cuts[i - 1]);
            var bins = FeatureBinner.BinRows(binning, column, rows);
            for (int i = 0; i < values.Length; i++)
            {
                if (double.IsNaN(values[i])) { Assert.Equal(0, bins[i]); continue; }
                Assert.InRange(bins[i], 1, binning.BinCount - 1);
                Assert.InRange(values[i], binning.Min, binning.Max);
            }
            // Order is preserved: a larger value never lands in a lower bin.
            var sorted = rows.Where(i => !double.IsNaN(values[i])).OrderBy(i => values[i]).ToArray();
            for (int k = 1; k < sorted.Length; k++) Assert.True(bins[sorted[k]] >= bins[sorted[k - 1]]);
            // Every non-missing bin holds at least one training value (cuts come from the data).
            var used = new HashSet<int>(bins.Where(b => b > 0).Select(b => (int)b));
            if (sorted.Length > 0) Assert.Equal(binning.BinCount - 1, used.Count);
        }, iter: 200);
    }

    [Fact]
    public void Few_distinct_values_are_cut_at_midpoints_and_binary_gets_one_cut()
    {
        var column = new NumericColumn("x", [0, 1, 1, 0, 1, double.NaN]);
        var binning = FeatureBinner.Continuous(column, [0, 1, 2, 3, 4, 5], 1024);
        Assert.Equal([0.5], binning.Cuts);
        Assert.Equal(0, binning.Min);
        Assert.Equal(1, binning.Max);
    }

    [Fact]
    public void Pair_cuts_are_a_subset_of_main_cuts()
    {
        Gen.Double[0, 100].Array[100, 5000].Sample(values =>
        {
            var column = new NumericColumn("x", values.Select(v => Math.Round(v, 1)).ToArray());
            var rows = Enumerable.Range(0, values.Length).ToArray();
            var fine = FeatureBinner.Continuous(column, rows, 1024);
            var coarse = FeatureBinner.Continuous(column, rows, 64);
            Assert.All(coarse.Cuts, c => Assert.Contains(c, fine.Cuts));
        }, iter: 50);
    }

    [Fact]
    public void A_two_valued_number_code_is_binned_as_continuous_like_InterpretML_auto_typing()
    {
        // How the CSV reader stores a 1/2 treatment code: Binary kind, one level per distinct number.
        var codes = new[] { 0, 1, 1, 0, -1, 1 };
        var column = new CategoricalColumn("trt", codes, ["2", "1"], ColumnKind.Binary);
        var rows = Enumerable.Range(0, codes.Length).ToArray();
        var binning = FeatureBinner.Create(column, rows, 1024, 10);
        Assert.Equal(BinningKind.Continuous, binning.Kind);
        Assert.Equal([1.5], binning.Cuts);
        var bins = FeatureBinner.BinRows(binning, column, rows);
        Assert.Equal(new ushort[] { 2, 1, 1, 2, 0, 1 }, bins);
    }

    [Fact]
    public void Two_text_labels_and_a_declared_categorical_stay_nominal()
    {
        var rows = Enumerable.Range(0, 4).ToArray();
        var sex = new CategoricalColumn("sex", [0, 1, 1, 0], ["f", "m"], ColumnKind.Binary);
        Assert.Equal(BinningKind.Nominal, FeatureBinner.Create(sex, rows, 1024, 1).Kind);
        var ward = new CategoricalColumn("ward", [0, 1, 1, 0], ["1", "2"], ColumnKind.Categorical);
        Assert.Equal(BinningKind.Nominal, FeatureBinner.Create(ward, rows, 1024, 1).Kind);
    }

    [Fact]
    public void Rare_levels_share_the_unseen_bin()
    {
        var codes = Enumerable.Repeat(0, 30).Concat(Enumerable.Repeat(1, 5)).Concat(Enumerable.Repeat(2, 12)).Append(-1).ToArray();
        var column = new CategoricalColumn("ward", codes, ["icu", "rare", "surgical"]);
        var rows = Enumerable.Range(0, codes.Length).ToArray();
        var binning = FeatureBinner.Nominal(column, rows, 10);
        Assert.Equal(BinningKind.Nominal, binning.Kind);
        Assert.Equal(["icu", "surgical"], binning.Levels);
        var bins = FeatureBinner.BinRows(binning, column, rows);
        Assert.Equal(binning.UnseenBin, bins[30]);
        Assert.Equal(0, bins[^1]);
        Assert.Equal(2, bins[40]);
    }

    [Fact]
    public void Ordinal_levels_follow_the_declared_order()
    {
        var column = new CategoricalColumn("stage", [0, 1, 2, 1], ["III", "I", "II"]);
        var binning = FeatureBinner.Create(column, [0, 1, 2, 3], 1024, 10, ["I", "II", "III"]);
        Assert.Equal(BinningKind.Ordinal, binning.Kind);
        Assert.Equal(new ushort[] { 3, 1, 2, 1 }, FeatureBinner.BinRows(binning, column, [0, 1, 2, 3]));
    }
}
