using System.Globalization;
using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>Reads the outcome (and optional sample weights) of the training rows, refusing values the objective cannot use.</summary>
internal static class OutcomeLabels
{
    private static readonly string[] PositiveWords = ["1", "true", "yes", "y", "pos", "positive"];
    private static readonly string[] NegativeWords = ["0", "false", "no", "n", "neg", "negative"];

    public static double[] Extract(CohortTable cohort, string outcome, Objective objective, int[] rows)
    {
        var column = cohort.Find(outcome) ?? throw new ArgumentException($"The cohort has no outcome column '{outcome}'.");
        var labels = new double[rows.Length];
        switch (column)
        {
            case NumericColumn num:
                for (int i = 0; i < rows.Length; i++)
                {
                    double v = num[rows[i]];
                    if (double.IsNaN(v))
                        throw new ArgumentException($"Outcome '{outcome}' is missing in row {rows[i] + 1}; remove or impute such rows before fitting.");
                    labels[i] = v;
                }
                break;
            case CategoricalColumn cat when objective == Objective.LogLoss:
                var positive = PositiveLevel(cat, outcome);
                for (int i = 0; i < rows.Length; i++)
                {
                    int c = cat[rows[i]];
                    if (c < 0)
                        throw new ArgumentException($"Outcome '{outcome}' is missing in row {rows[i] + 1}; remove or impute such rows before fitting.");
                    labels[i] = c == positive ? 1 : 0;
                }
                return labels;
            default:
                throw new ArgumentException($"Outcome '{outcome}' must be numeric for the {objective} objective.");
        }

        for (int i = 0; i < labels.Length; i++)
        {
            double v = labels[i];
            bool ok = objective switch
            {
                Objective.LogLoss => v is 0 or 1,
                Objective.Poisson => v >= 0 && !double.IsInfinity(v),
                _ => !double.IsInfinity(v),
            };
            if (!ok)
                throw new ArgumentException(objective == Objective.LogLoss
                    ? $"Outcome '{outcome}' must be 0/1 for a binary (log loss) model; row {rows[i] + 1} has {v.ToString(CultureInfo.InvariantCulture)}."
                    : $"Outcome '{outcome}' has an invalid value {v.ToString(CultureInfo.InvariantCulture)} in row {rows[i] + 1} for the {objective} objective.");
        }
        return labels;
    }

    /// <summary>The level coded 1: a recognisable "yes"-like word, otherwise the second level.</summary>
    private static int PositiveLevel(CategoricalColumn cat, string outcome)
    {
        if (cat.Levels.Count != 2)
            throw new ArgumentException($"Outcome '{outcome}' must have exactly two values for a binary model; it has {cat.Levels.Count}.");
        for (int l = 0; l < 2; l++)
            if (PositiveWords.Contains(cat.Levels[l].Trim(), StringComparer.OrdinalIgnoreCase)) return l;
        for (int l = 0; l < 2; l++)
            if (NegativeWords.Contains(cat.Levels[l].Trim(), StringComparer.OrdinalIgnoreCase)) return 1 - l;
        return 1;
    }

    public static double[] Weights(CohortTable cohort, string? weightColumn, int[] rows)
    {
        if (weightColumn is null) return [];
        if (cohort.Find(weightColumn) is not NumericColumn column)
            throw new ArgumentException($"Weight column '{weightColumn}' must be a numeric column of the cohort.");
        var weights = new double[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            double w = column[rows[i]];
            if (double.IsNaN(w) || double.IsInfinity(w) || w < 0)
                throw new ArgumentException($"Weight column '{weightColumn}' needs a finite value >= 0 in every row; row {rows[i] + 1} has '{column.Format(rows[i])}'.");
            weights[i] = w;
        }
        return weights;
    }
}
