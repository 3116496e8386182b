using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Tests.Data;

public class ColumnProfilerTests
{
    [Fact]
    public void Numeric_profile_counts_missing_and_summarises()
    {
        var column = new NumericColumn("hb", [7, 9, double.NaN, 11, 13, 9]);
        var p = ColumnProfiler.Profile(column, histogramBins: 3);
        Assert.Equal(6, p.RowCount);
        Assert.Equal(1, p.MissingCount);
        Assert.Equal(1 / 6.0, p.MissingFraction, 12);
        Assert.Equal(4, p.DistinctCount);
        Assert.Equal(7, p.Min);
        Assert.Equal(9, p.Median);
        Assert.Equal(13, p.Max);
        Assert.Equal(9.8, p.Mean, 12);
        Assert.Equal([7, 9, 11, 13], p.HistogramEdges);
        Assert.Equal([1L, 2L, 2L], p.HistogramCounts);
        Assert.Equal(("9", 2L), p.TopLevels[0]);
    }

    [Fact]
    public void Categorical_profile_lists_commonest_levels_first()
    {
        var column = new CategoricalColumn("mode", [0, 1, 1, -1, 2, 1], ["a", "b", "c"]);
        var p = ColumnProfiler.Profile(column);
        Assert.Equal(1, p.MissingCount);
        Assert.Equal(3, p.DistinctCount);
        Assert.Equal(("b", 3L), p.TopLevels[0]);
        Assert.True(double.IsNaN(p.Median));
        Assert.Empty(p.HistogramCounts);
    }

    [Fact]
    public void All_missing_column_has_no_summaries()
    {
        var p = ColumnProfiler.Profile(new NumericColumn("ferritin", [double.NaN, double.NaN]));
        Assert.Equal(1.0, p.MissingFraction);
        Assert.Equal(0, p.DistinctCount);
        Assert.True(double.IsNaN(p.Min));
    }
}
