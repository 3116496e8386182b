using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Modeling.MlNet;

/// <summary>Reads the outcome of the training rows as numbers: 0/1 for a binary outcome, the value otherwise.</summary>
internal static class OutcomeLabels
{
    public static float[] Read(CohortTable cohort, string outcome, Objective objective, int[] rows)
    {
        var column = cohort.Find(outcome) ?? throw new CohortFormatException("The outcome column is missing.", column: outcome);
        // Binary outcomes are read as everywhere else in ClinicalGAM (0/1, yes/no, true/false, two labels).
        double[]? binary = objective == Objective.LogLoss ? OutcomeValidator.RequireBinary(cohort, outcome, allowMissing: true) : null;
        var labels = new float[rows.Length];
        for (int k = 0; k < rows.Length; k++)
        {
            int row = rows[k];
            double value = binary?[row] ?? (column is NumericColumn n ? n[row] : double.NaN);
            if (double.IsNaN(value))
                throw new CohortFormatException(binary is null
                    ? "The outcome is missing or not a number; a continuous outcome must be numeric and present in every training row."
                    : "The outcome is missing; drop these rows before fitting.", row + 2L, outcome);
            if (objective == Objective.Poisson && value < 0)
                throw new CohortFormatException($"A count outcome cannot be negative, found {value}.", row + 2L, outcome);
            labels[k] = (float)value;
        }
        return labels;
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
