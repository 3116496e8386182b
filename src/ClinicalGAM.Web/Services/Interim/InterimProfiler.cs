using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Web.Services.Interim;

/// <summary>Temporary: column profile until the data helper's ColumnProfiler is merged.</summary>
internal static class InterimProfiler
{
    public static ColumnSummary Profile(CohortColumn column, int bins = 20)
    {
        int missing = column.MissingCount();
        if (column is NumericColumn num)
        {
            var values = num.Values.ToArray().Where(v => !double.IsNaN(v)).Order().ToArray();
            if (values.Length == 0)
                return new ColumnSummary { Name = column.Name, Kind = column.Kind, RowCount = column.Length, MissingCount = missing };
            double min = values[0], max = values[^1];
            int k = min == max ? 1 : bins;
            var edges = Enumerable.Range(0, k + 1).Select(i => min + (max - min) * i / k).ToArray();
            var counts = new long[k];
            foreach (var v in values) counts[Math.Min(k - 1, max == min ? 0 : (int)((v - min) / (max - min) * k))]++;
            return new ColumnSummary
            {
                Name = column.Name, Kind = column.Kind, RowCount = column.Length, MissingCount = missing,
                DistinctCount = values.Distinct().Count(), Min = min, Max = max, Median = values[values.Length / 2],
                HistogramEdges = edges, HistogramCounts = counts,
            };
        }
        var cat = (CategoricalColumn)column;
        var levelCounts = new long[cat.Levels.Count];
        for (int i = 0; i < cat.Length; i++) if (cat[i] >= 0) levelCounts[cat[i]]++;
        return new ColumnSummary
        {
            Name = column.Name, Kind = column.Kind, RowCount = column.Length, MissingCount = missing,
            DistinctCount = levelCounts.Count(c => c > 0),
            TopLevels = levelCounts.Select((c, l) => (cat.Levels[l], c)).OrderByDescending(x => x.c).Take(10).ToArray(),
        };
    }
}
