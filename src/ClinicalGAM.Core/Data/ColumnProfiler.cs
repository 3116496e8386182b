namespace ClinicalGAM.Core.Data;

/// <summary>Summaries for the cohort page: one pass plus a sort for numeric columns, one pass over codes for text.</summary>
public static class ColumnProfiler
{
    private const int MaxTopLevels = 20;

    public static ColumnProfile Profile(CohortColumn column, int histogramBins = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(histogramBins, 1);
        return column switch
        {
            NumericColumn numeric => ProfileNumbers(numeric, histogramBins),
            CategoricalColumn categorical => ProfileLevels(categorical),
            _ => throw new ArgumentException($"Unknown column type {column.GetType().Name}."),
        };
    }

    public static IReadOnlyList<ColumnProfile> Profile(CohortTable table, int histogramBins = 20) =>
        table.Columns.Select(c => Profile(c, histogramBins)).ToArray();

    private static ColumnProfile ProfileNumbers(NumericColumn column, int bins)
    {
        var values = new double[column.Length];
        int n = 0;
        double sum = 0;
        foreach (double v in column.Values)
        {
            if (double.IsNaN(v)) continue;
            values[n++] = v;
            sum += v;
        }
        var present = values.AsSpan(0, n);
        present.Sort();
        int distinct = 0;
        for (int i = 0; i < n; i++) if (i == 0 || present[i] != present[i - 1]) distinct++;
        var profile = new ColumnProfile
        {
            Name = column.Name,
            Kind = column.Kind,
            RowCount = column.Length,
            MissingCount = column.Length - n,
            MissingFraction = column.Length == 0 ? 0 : (column.Length - n) / (double)column.Length,
            DistinctCount = distinct,
        };
        if (n == 0) return profile;

        double min = present[0], max = present[n - 1];
        double median = n % 2 == 1 ? present[n / 2] : (present[n / 2 - 1] + present[n / 2]) / 2;
        int histogramBins = min == max ? 1 : bins;
        var edges = new double[histogramBins + 1];
        for (int b = 0; b <= histogramBins; b++) edges[b] = min + (max - min) * b / histogramBins;
        edges[^1] = max;
        var counts = new long[histogramBins];
        double width = (max - min) / histogramBins;
        foreach (double v in present)
        {
            int b = width > 0 ? (int)((v - min) / width) : 0;
            counts[Math.Min(b, histogramBins - 1)]++;
        }
        return profile with
        {
            Min = min,
            Median = median,
            Max = max,
            Mean = sum / n,
            HistogramEdges = edges,
            HistogramCounts = counts,
            TopLevels = distinct <= MaxTopLevels ? TopNumbers(present) : [],
        };
    }

    private static (string, long)[] TopNumbers(ReadOnlySpan<double> sorted)
    {
        var runs = new List<(string, long)>();
        int start = 0;
        for (int i = 1; i <= sorted.Length; i++)
        {
            if (i < sorted.Length && sorted[i] == sorted[start]) continue;
            runs.Add((sorted[start].ToString("R", System.Globalization.CultureInfo.InvariantCulture), i - start));
            start = i;
        }
        return runs.OrderByDescending(r => r.Item2).ToArray();
    }

    private static ColumnProfile ProfileLevels(CategoricalColumn column)
    {
        var counts = new long[column.Levels.Count];
        int missing = 0;
        foreach (int code in column.Codes)
        {
            if (code < 0) missing++;
            else counts[code]++;
        }
        var top = Enumerable.Range(0, counts.Length)
            .Where(l => counts[l] > 0)
            .OrderByDescending(l => counts[l]).ThenBy(l => column.Levels[l], StringComparer.Ordinal)
            .Take(MaxTopLevels)
            .Select(l => (column.Levels[l], counts[l]))
            .ToArray();
        return new ColumnProfile
        {
            Name = column.Name,
            Kind = column.Kind,
            RowCount = column.Length,
            MissingCount = missing,
            MissingFraction = column.Length == 0 ? 0 : missing / (double)column.Length,
            DistinctCount = counts.Count(c => c > 0),
            TopLevels = top,
        };
    }
}
