using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Modeling.MlNet;

/// <summary>Reads the outcome of the training rows as numbers: 0/1 for a binary outcome, the value otherwise.</summary>
internal static class OutcomeLabels
{
    private static readonly string[] Positive = ["1", "true", "yes", "y"];
    private static readonly string[] Negative = ["0", "false", "no", "n"];

    public static float[] Read(CohortTable cohort, string outcome, Objective objective, int[] rows)
    {
        var column = cohort.Find(outcome) ?? throw new CohortFormatException("The outcome column is missing.", column: outcome);
        var labels = new float[rows.Length];
        for (int k = 0; k < rows.Length; k++)
        {
            int row = rows[k];
            double value = column switch
            {
                NumericColumn n => n[row],
                CategoricalColumn c => ParseLevel(c.LevelOf(row)),
                _ => double.NaN,
            };
            if (double.IsNaN(value))
                throw new CohortFormatException("The outcome is missing or not a number; drop or fill these rows before fitting.", row + 2L, outcome);
            if (objective == Objective.LogLoss && value is not (0 or 1))
                throw new CohortFormatException($"A binary outcome must be 0 or 1, found '{column.Format(row)}'.", row + 2L, outcome);
            if (objective == Objective.Poisson && value < 0)
                throw new CohortFormatException($"A count outcome cannot be negative, found {value}.", row + 2L, outcome);
            labels[k] = (float)value;
        }
        return labels;
    }

    private static double ParseLevel(string? level)
    {
        if (level is null) return double.NaN;
        var l = level.Trim().ToLowerInvariant();
        if (Positive.Contains(l)) return 1;
        if (Negative.Contains(l)) return 0;
        return double.TryParse(l, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
    }

    public static float[] Weights(CohortTable cohort, string? weightColumn, int[] rows)
    {
        var weights = new float[rows.Length];
        if (weightColumn is null) { Array.Fill(weights, 1f); return weights; }
        if (cohort.Find(weightColumn) is not NumericColumn column)
            throw new CohortFormatException("The weight column must be numeric.", column: weightColumn);
        for (int k = 0; k < rows.Length; k++)
        {
            double w = column[rows[k]];
            if (double.IsNaN(w) || w < 0)
                throw new CohortFormatException($"A sample weight must be a non-negative number, found '{column.Format(rows[k])}'.", rows[k] + 2L, weightColumn);
            weights[k] = (float)w;
        }
        return weights;
    }
}
