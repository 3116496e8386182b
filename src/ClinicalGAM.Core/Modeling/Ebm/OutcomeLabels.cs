using System.Globalization;
using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>Reads the outcome (and optional sample weights) of the training rows, refusing values the objective cannot use.</summary>
internal static class OutcomeLabels
{
    /// <summary>
    /// Labels of the training rows. Binary outcomes go through the shared OutcomeValidator (0/1, yes/no, two labels),
    /// so every engine reads an outcome the same way; errors name the CSV line (row + 2) and the column.
    /// </summary>
    public static double[] Extract(CohortTable cohort, string outcome, Objective objective, int[] rows)
    {
        var labels = new double[rows.Length];
        if (objective == Objective.LogLoss)
        {
            var all = OutcomeValidator.RequireBinary(cohort, outcome, allowMissing: true);
            for (int i = 0; i < rows.Length; i++)
            {
                labels[i] = all[rows[i]];
                if (double.IsNaN(labels[i])) throw MissingOutcome(outcome, rows[i]);
            }
            return labels;
        }
        if (cohort.Find(outcome) is not NumericColumn column)
            throw new CohortFormatException($"the outcome must be numeric for the {objective} objective.", null, outcome);
        for (int i = 0; i < rows.Length; i++)
        {
            double v = column[rows[i]];
            if (double.IsNaN(v)) throw MissingOutcome(outcome, rows[i]);
            if (double.IsInfinity(v) || (objective == Objective.Poisson && v < 0))
                throw new CohortFormatException(
                    $"the outcome value {v.ToString(CultureInfo.InvariantCulture)} cannot be used with the {objective} objective" +
                    (objective == Objective.Poisson ? " (counts must be 0 or more)." : "."), rows[i] + 2L, outcome);
            labels[i] = v;
        }
        return labels;
    }

    private static CohortFormatException MissingOutcome(string outcome, int row) =>
        new("the outcome is missing; remove or impute such rows before fitting.", row + 2L, outcome);

    public static double[] Weights(CohortTable cohort, string? weightColumn, int[] rows)
    {
        if (weightColumn is null) return [];
        if (cohort.Find(weightColumn) is not NumericColumn column)
            throw new CohortFormatException("the weight column must be a numeric column of the cohort.", null, weightColumn);
        var weights = new double[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            double w = column[rows[i]];
            if (double.IsNaN(w) || double.IsInfinity(w) || w < 0)
                throw new CohortFormatException($"a sample weight must be a finite number >= 0, not '{column.Format(rows[i])}'.", rows[i] + 2L, weightColumn);
            weights[i] = w;
        }
        return weights;
    }
}
