using ClinicalGAM.Core.Data.Csv;

namespace ClinicalGAM.Core.Data;

/// <summary>Checks that an outcome is binary and turns it into 0/1 labels for a fit.</summary>
public static class OutcomeValidator
{
    /// <summary>
    /// 0/1 labels for a binary outcome. Accepts 0/1, true/false, yes/no or any two labels: the higher of two numbers,
    /// else the "yes"-like word, else the alphabetically second label is 1. Throws <see cref="CohortFormatException"/> naming the first offending line
    /// (row + 2: the header is line 1) and the column: a third value, or a missing outcome unless allowMissing
    /// (then missing rows get NaN).
    /// </summary>
    public static double[] RequireBinary(CohortTable table, string outcome, bool allowMissing = false)
    {
        var column = table.Find(outcome)
            ?? throw new CohortFormatException("the outcome column is not in the cohort.", null, outcome);
        var labels = column switch
        {
            NumericColumn numeric => FromNumbers(numeric, allowMissing),
            CategoricalColumn categorical => FromLevels(categorical, allowMissing),
            _ => throw new ArgumentException($"Unknown column type {column.GetType().Name}."),
        };
        if (!labels.Any(l => l == 1) || !labels.Any(l => l == 0))
            throw new CohortFormatException(
                "the outcome has only one value; a binary outcome needs both events and non-events.", null, outcome);
        return labels;
    }

    private static double[] FromNumbers(NumericColumn column, bool allowMissing)
    {
        double first = double.NaN, second = double.NaN;
        for (int i = 0; i < column.Length; i++)
        {
            double v = column[i];
            if (double.IsNaN(v)) { if (!allowMissing) throw Missing(column.Name, i); continue; }
            if (double.IsNaN(first)) first = v;
            else if (v != first && double.IsNaN(second)) second = v;
            else if (v != first && v != second) throw ThirdValue(column.Name, i, column.Format(i), first, second);
        }
        // 0/1 stay as they are; any other pair maps lower -> 0, higher -> 1.
        double zero = double.IsNaN(second) ? (first == 1 ? 0 : first) : Math.Min(first, second);
        var labels = new double[column.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            double v = column[i];
            labels[i] = double.IsNaN(v) ? double.NaN : v == zero ? 0 : 1;
        }
        return labels;
    }

    private static double[] FromLevels(CategoricalColumn column, bool allowMissing)
    {
        int first = -1, second = -1;
        for (int i = 0; i < column.Length; i++)
        {
            int code = column[i];
            if (code < 0) { if (!allowMissing) throw Missing(column.Name, i); continue; }
            if (first < 0) first = code;
            else if (code != first && second < 0) second = code;
            else if (code != first && code != second)
                throw new CohortFormatException(
                    $"the outcome must be binary but has a third value '{column.Levels[code]}' " +
                    $"(after '{column.Levels[first]}' and '{column.Levels[second]}').", i + 2L, column.Name);
        }
        int one = PositiveLevel(column, first, second);
        var labels = new double[column.Length];
        for (int i = 0; i < labels.Length; i++)
            labels[i] = column[i] < 0 ? double.NaN : column[i] == one ? 1 : 0;
        return labels;
    }

    private static int PositiveLevel(CategoricalColumn column, int a, int b)
    {
        if (b < 0) return ValueParser.BooleanWord(column.Levels[a]) == 1 || column.Levels[a] == "1" ? a : -1;
        // Numeric codes agree with numeric columns: the higher number is the event (0/1, 1/2).
        if (ValueParser.TryNumber(column.Levels[a], out double x) && ValueParser.TryNumber(column.Levels[b], out double y))
            return x > y ? a : b;
        foreach (int level in new[] { a, b })
            if (ValueParser.BooleanWord(column.Levels[level]) == 1) return level;
        return string.CompareOrdinal(column.Levels[a], column.Levels[b]) > 0 ? a : b;
    }

    private static CohortFormatException Missing(string column, int row) =>
        new("the outcome is missing; remove or complete rows without an outcome.", row + 2L, column);

    private static CohortFormatException ThirdValue(string column, int row, string value, double a, double b) =>
        new($"the outcome must be binary but has a third value '{value}' (after {a:R} and {b:R}).", row + 2L, column);
}
